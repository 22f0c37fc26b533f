package dev.ltx4j.postgres;

import dev.ltx4j.JobSlots;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * {@link JobSlots} every process with the same store and pool shares: seats 1 to {@code ceiling} of one table, each
 * held by a submission key and then by its job. Taking, binding and freeing are one round trip each (one call of the
 * schema's functions); concurrent takers skip each other's locked seats, so that two never get the same one.
 *
 * <p>The store's ceiling is the most this pool ever grants: a client probing above it (to find a ceiling it does
 * not know) is refused. A process that dies holding a seat cannot free it; a seat whose submission key was never
 * bound to a job is free again after {@code unboundExpiry} (longer than any submission takes), and any seat after
 * {@code boundExpiry} (longer than any job runs). Every freed seat is announced on the {@code ltx4j_slot_freed}
 * channel, so that waiting workers can try at once instead of on a timer.
 */
public final class PostgresJobSlots implements JobSlots {
  private final DedicatedConnection connection;
  private final RoundTrips trips;
  private final String pool;
  private final int ceiling;
  private final Duration unboundExpiry;
  private final Duration boundExpiry;

  PostgresJobSlots(DedicatedConnection connection, RoundTrips trips, String pool, int ceiling,
      Duration unboundExpiry, Duration boundExpiry) {
    this.connection = connection;
    this.trips = trips;
    this.pool = pool;
    this.ceiling = ceiling;
    this.unboundExpiry = unboundExpiry;
    this.boundExpiry = boundExpiry;
  }

  /** The pool's name: processes that name the same pool share its seats. */
  public String pool() {
    return pool;
  }

  /** The most seats this pool grants. */
  public int ceiling() {
    return ceiling;
  }

  @Override
  public boolean tryTake(String key, int ceiling) {
    return take(key, Math.min(ceiling, this.ceiling), false);
  }

  /**
   * Takes a seat for {@code holder} that is bound from the start: one a worker holds by a stable name (a batch
   * line) until it frees it, and that a worker continuing the same line finds held already.
   */
  public boolean tryTakeBound(String holder) {
    return take(holder, ceiling, true);
  }

  private boolean take(String key, int ceiling, boolean bound) {
    trips.slotCall();
    return connection.run(c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT ltx4j_take_slot(?, ?, ?, ?, ?, ?)")) {
        statement.setString(1, pool);
        statement.setString(2, key);
        statement.setInt(3, ceiling);
        statement.setBoolean(4, bound);
        statement.setLong(5, unboundExpiry.toMillis());
        statement.setLong(6, boundExpiry.toMillis());
        return bool(statement);
      }
    });
  }

  @Override
  public void bind(String key, String jobId) {
    trips.slotCall();
    connection.run(c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT ltx4j_bind_slot(?, ?, ?)")) {
        statement.setString(1, pool);
        statement.setString(2, key);
        statement.setString(3, jobId);
        return bool(statement);
      }
    });
  }

  @Override
  public boolean release(String keyOrJobId) {
    trips.slotCall();
    return connection.run(c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT ltx4j_release_slot(?, ?)")) {
        statement.setString(1, pool);
        statement.setString(2, keyOrJobId);
        return bool(statement);
      }
    });
  }

  @Override
  public int taken() {
    trips.slotCall();
    return connection.run(c -> {
      try (PreparedStatement statement = c.prepareStatement(
          "SELECT count(*) FROM ltx4j_job_slot WHERE pool = ? AND holder IS NOT NULL")) {
        statement.setString(1, pool);
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          return result.getInt(1);
        }
      }
    });
  }

  private static boolean bool(PreparedStatement statement) throws java.sql.SQLException {
    try (ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getBoolean(1);
    }
  }

  @Override
  public String toString() {
    return ceiling + " generation slots shared as \"" + pool + "\" in PostgreSQL";
  }
}
