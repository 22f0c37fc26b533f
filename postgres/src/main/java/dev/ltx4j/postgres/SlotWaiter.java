package dev.ltx4j.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the process's waiting submissions their seats of a shared pool with few round trips. Waiters queue in order
 * of arrival and only the first asks the database; it asks again when any process announces a freed seat
 * ({@code LISTEN ltx4j_slot_freed}), or after {@code recheck} in case an announcement was missed or a seat expired.
 * A seat this process frees while one of its own submissions waits is handed straight to that one
 * ({@link PostgresJobSlots#pass}): one round trip, and no other process is woken to race for it.
 */
final class SlotWaiter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlotWaiter.class);

  private static final class Ticket {
    final String holder;
    boolean granted;

    Ticket(String holder) {
      this.holder = holder;
    }
  }

  private final PostgresJobSlots slots;
  private final DataSource dataSource;
  private final Duration recheck;
  private final Object signal = new Object();
  private final Deque<Ticket> queue = new ArrayDeque<>();
  private final Thread listener;
  private boolean trying;
  private long freed;
  private volatile boolean closed;

  SlotWaiter(PostgresJobSlots slots, DataSource dataSource, Duration recheck) {
    this.slots = slots;
    this.dataSource = dataSource;
    this.recheck = recheck;
    this.listener = new Thread(this::listen, "ltx4j-slot-listener");
    listener.setDaemon(true);
    listener.start();
  }

  /** Returns once {@code holder} holds a seat (bound from the start). */
  void take(String holder) throws InterruptedException {
    LOG.debug("slot wanted by {}", holder);
    Ticket ticket = new Ticket(holder);
    synchronized (signal) {
      queue.add(ticket);
    }
    try {
      while (true) {
        boolean mayTry;
        long seen;
        synchronized (signal) {
          if (ticket.granted) {
            return;
          }
          mayTry = !trying && queue.peekFirst() == ticket;
          trying |= mayTry;
          seen = freed;
        }
        if (mayTry) {
          boolean took;
          try {
            took = slots.tryTakeBound(holder);
          } finally {
            synchronized (signal) {
              trying = false;
            }
          }
          if (took) {
            LOG.debug("slot taken by {}", holder);
            return;
          }
        }
        synchronized (signal) {
          if (!ticket.granted && freed == seen) {
            signal.wait(recheck.toMillis());
          }
        }
      }
    } finally {
      synchronized (signal) {
        queue.remove(ticket);
        signal.notifyAll(); // the next in line may try now
      }
    }
  }

  /** Frees the seat {@code holder} holds: to the first waiting submission of this process if any, else to all. */
  void release(String holder) {
    Ticket next;
    synchronized (signal) {
      next = queue.pollFirst();
    }
    if (next != null) {
      boolean passed = false;
      try {
        passed = slots.pass(holder, next.holder);
      } finally {
        synchronized (signal) {
          if (passed) {
            LOG.debug("slot of {} passed to {}", holder, next.holder);
            next.granted = true;
          } else if (!next.granted) {
            queue.addFirst(next);
          }
          signal.notifyAll();
        }
      }
      return;
    }
    slots.release(holder);
    LOG.debug("slot of {} freed", holder);
  }

  /** A seat was freed somewhere: the first waiter tries again. */
  void freed() {
    synchronized (signal) {
      freed++;
      signal.notifyAll();
    }
  }

  private void listen() {
    while (!closed) {
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        connection.setAutoCommit(true);
        statement.execute("LISTEN ltx4j_slot_freed");
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notes = pg.getNotifications(500);
          if (notes != null) {
            for (PGNotification note : notes) {
              if (note.getParameter().equals(slots.pool())) {
                freed();
                break;
              }
            }
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          LOG.warn("Listening for freed generation slots failed ({}); trying again in 1 s", e.toString());
          sleep();
        }
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    listener.interrupt();
  }
}
