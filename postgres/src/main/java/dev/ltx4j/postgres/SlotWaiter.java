package dev.ltx4j.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a free seat of a shared pool without asking the database on a timer: one thread of the process at a
 * time tries (so that a freed seat costs each process one attempt, not one per waiting thread), and it tries again
 * when any process announces a freed seat ({@code LISTEN ltx4j_slot_freed}), or after {@code recheck} in case an
 * announcement was missed or a seat expired.
 */
final class SlotWaiter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlotWaiter.class);

  private final PostgresJobSlots slots;
  private final DataSource dataSource;
  private final Duration recheck;
  private final ReentrantLock turn = new ReentrantLock(true);
  private final Object signal = new Object();
  private final Thread listener;
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
    turn.lockInterruptibly();
    try {
      while (true) {
        long seen;
        synchronized (signal) {
          seen = freed;
        }
        if (slots.tryTakeBound(holder)) {
          return;
        }
        synchronized (signal) {
          if (freed == seen) {
            signal.wait(recheck.toMillis());
          }
        }
      }
    } finally {
      turn.unlock();
    }
  }

  /** A seat was freed (here or elsewhere): the waiting thread tries again. */
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
