package dev.ltx4j.postgres;

import dev.ltx4j.RequestBudget;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link RequestBudget} every process with the same store and name draws from: at most {@code limit} permits in
 * any sliding window of {@code window}, counted on the database's clock. Each {@link #tryTake(Instant)} is one call
 * of the schema's {@code ltx4j_take_permit}, one round trip, whether it grants a permit or answers with the time
 * until one is free.
 *
 * <p>Why not Bucket4j's PostgreSQL backend: a token bucket of capacity {@code c} refilled at {@code r} a minute lets
 * {@code c + r} requests through in some minute (a full bucket emptied, then its refill), so "never more than
 * {@code N} in any sliding minute" holds only with {@code c + r <= N}, which halves the sustained rate when the
 * bucket may burst and starves bursts when it may not; and each of its operations is a transaction of several
 * statements (lock, read, write, commit). This budget keeps the window's own permit times in one row and decides
 * under that row's lock in one statement, so the guarantee is the window's and the cost one round trip.
 *
 * <p>The {@code now} argument is ignored: processes on different machines must agree on time, so the database's
 * clock decides. Leave a margin for requests that take a while to reach the service: the client's default of 90 a
 * minute under Scenario's 100 is one.
 */
public final class PostgresRequestBudget implements RequestBudget {
  private final DedicatedConnection connection;
  private final RoundTrips trips;
  private final String name;
  private final int limit;
  private final Duration window;

  PostgresRequestBudget(DedicatedConnection connection, RoundTrips trips, String name, int limit, Duration window) {
    this.connection = connection;
    this.trips = trips;
    this.name = name;
    this.limit = limit;
    this.window = window;
  }

  @Override
  public Duration tryTake(Instant now) {
    trips.budgetCall();
    long waitMillis = connection.run(c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT ltx4j_take_permit(?, ?, ?)")) {
        statement.setString(1, name);
        statement.setInt(2, limit);
        statement.setLong(3, window.toMillis());
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          return result.getLong(1);
        }
      }
    });
    return Duration.ofMillis(waitMillis);
  }

  @Override
  public String toString() {
    return limit + " requests per " + window + " shared as \"" + name + "\" in PostgreSQL";
  }
}
