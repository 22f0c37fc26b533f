package dev.ltx4j.postgres;

import dev.ltx4j.Sleeper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a store's waiting workers when another process announces a change ({@code NOTIFY ltx4j_batch}: a line given
 * up or settled, a batch stopped; {@code ltx4j_slot_freed}: a seat freed), so that idle workers wait on the database
 * instead of asking it every second. One connection listens, on a thread of its own started at the first wait; it
 * reconnects with back-off after a failure, and a waiter's own time bound covers what a lost connection misses.
 */
final class ChangeListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
  private static final Executor SAME_THREAD = Runnable::run;
  /** The back-off before listening again after a failure: from the first pause, doubled up to the longest. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
  /** How long one read of the connection waits for notifications before it checks whether the store closed. */
  static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final Duration socketTimeout;
  private final Sleeper sleeper;
  private final Object signal = new Object();
  private long changes;
  private long seatsFreed;
  /**
   * Seats handed over lately, by line: a hand-over may come between a line's refused take and its wait. Notifications
   * name other processes' lines too, so only the latest are kept.
   */
  private final java.util.Set<String> handedOver = java.util.Collections.newSetFromMap(
      new java.util.LinkedHashMap<String, Boolean>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
          return size() > 4096;
        }
      });
  private @Nullable Thread thread;
  private volatile boolean closed;

  ChangeListener(DataSource dataSource, Duration socketTimeout, Sleeper sleeper) {
    this.dataSource = dataSource;
    this.socketTimeout = socketTimeout;
    this.sleeper = sleeper;
  }

  /** Waits until a change is announced after this call, or {@code max} passed. */
  void await(Duration max) throws InterruptedException {
    start();
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (signal) {
      long seen = changes;
      while (changes == seen && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        signal.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /**
   * Waits until the seat of {@code seatKey} was handed to it (true), a seat was freed with nobody waiting, the
   * listening connection came back (what happened meanwhile is unknown), or {@code max} passed.
   */
  boolean awaitSeat(String seatKey, Duration max) throws InterruptedException {
    start();
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (signal) {
      long seen = seatsFreed;
      while (seatsFreed == seen && !closed) {
        if (handedOver.remove(seatKey)) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        signal.wait(Math.max(1, left / 1_000_000));
      }
      return handedOver.remove(seatKey);
    }
  }

  /** Starts listening, if not yet: before the first wait, so that nothing announced meanwhile is missed. */
  synchronized void start() {
    if (thread == null && !closed) {
      thread = new Thread(this::listen, "ltx4j-batch-listener");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void listen() {
    Duration pause = FIRST_PAUSE;
    while (!closed) {
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        connection.setNetworkTimeout(SAME_THREAD, (int) socketTimeout.toMillis());
        connection.setAutoCommit(true);
        statement.execute("LISTEN ltx4j_batch; LISTEN ltx4j_slot_freed; LISTEN ltx4j_seat");
        PGConnection pg = connection.unwrap(PGConnection.class);
        pause = FIRST_PAUSE;
        announce(null, true); // what happened while it was not listening is unknown: waiters look again
        announce(null, false);
        while (!closed) {
          PGNotification[] notes = pg.getNotifications((int) NOTIFICATION_WAIT.toMillis());
          for (PGNotification note : notes == null ? new PGNotification[0] : notes) {
            switch (note.getName()) {
              case "ltx4j_seat" -> announce(note.getParameter(), false);
              case "ltx4j_slot_freed" -> announce(null, true);
              default -> announce(null, false);
            }
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          LOG.warn("Listening for batch changes failed ({}); listening again in {} ms", e.getMessage(),
              pause.toMillis());
          try {
            sleeper.sleep(pause).get();
          } catch (InterruptedException interrupted) {
            return;
          } catch (ExecutionException failed) {
            LOG.warn("The sleeper failed ({}); listening again now", failed.getMessage());
          }
          pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
      }
    }
  }

  /** A change: a seat handed to {@code seatKey}, a seat freed for anyone, or a line or batch changed. */
  private void announce(@Nullable String seatKey, boolean seatFreed) {
    synchronized (signal) {
      if (seatKey != null) {
        handedOver.add(seatKey);
      } else if (seatFreed) {
        seatsFreed++; // for lines waiting for a seat; idle workers wait for lines, which a freed seat does not give
      } else {
        changes++;
      }
      signal.notifyAll();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    announce(null, true);
    if (thread != null) {
      thread.interrupt();
    }
  }
}
