package dev.ltx4j.postgres;

import dev.ltx4j.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * ltx4j's shared state in a PostgreSQL database the caller supplies: the project's request budget, its generation
 * slots and its batches, for every process that opens a store on the same database. Plain JDBC; connections
 * come from the caller's {@link DataSource} (a pool is best: the ledger borrows one per step), except that the
 * budget and the slots each keep one open, so that each of their calls is one round trip.
 *
 * <pre>{@code
 * PostgresStore store = PostgresStore.create(dataSource).migrate();
 * LtxClient client = LtxClient.builder().fromEnv()
 *     .requestBudget(store.requestBudget("my-project", 90, Duration.ofMinutes(1)))
 *     .jobSlots(store.jobSlots("my-project", 8)).maxConcurrentJobs(8)
 *     .build();
 * }</pre>
 */
public final class PostgresStore implements AutoCloseable {
  /** The schema as a class-path resource: apply it yourself, or call {@link #migrate()}. */
  public static final String SCHEMA_RESOURCE = "/dev/ltx4j/postgres/schema.sql";
  static final Duration UNBOUND_SLOT_EXPIRY = Duration.ofMinutes(10);
  static final Duration BOUND_SLOT_EXPIRY = Duration.ofHours(2);

  private final DataSource dataSource;
  private final Sleeper sleeper;
  private final RoundTrips trips = new RoundTrips();
  private final List<DedicatedConnection> kept = new ArrayList<>();

  private PostgresStore(DataSource dataSource, Sleeper sleeper) {
    this.dataSource = dataSource;
    this.sleeper = sleeper;
  }

  /** A store over {@code dataSource}; nothing is read or written until it is used. */
  public static PostgresStore create(DataSource dataSource) {
    return create(dataSource, Sleeper.system());
  }

  /**
   * {@link #create(DataSource)} whose waits (a batch store's listener's back-off before it listens again) go through
   * {@code sleeper}; tests pass a virtual one. Every time the store reads is the database's.
   */
  public static PostgresStore create(DataSource dataSource, Sleeper sleeper) {
    return new PostgresStore(Objects.requireNonNull(dataSource, "dataSource == null"),
        Objects.requireNonNull(sleeper, "sleeper == null"));
  }

  /**
   * Applies {@link #SCHEMA_RESOURCE}: creates what is missing and leaves the rest (data included) as it is.
   *
   * @throws StoreException when the database refuses it (e.g. the user may not create tables)
   */
  public PostgresStore migrate() {
    String sql = schema();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      // One transaction-level advisory lock: processes starting together apply it one after the other.
      statement.execute("BEGIN; SELECT pg_advisory_xact_lock(7485270); " + sql + "\nCOMMIT;");
    } catch (SQLException e) {
      throw new StoreException("could not apply the ltx4j schema: " + e.getMessage(), e);
    }
    return this;
  }

  /** The schema's SQL text. */
  public static String schema() {
    try (InputStream in = PostgresStore.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return new String(Objects.requireNonNull(in, SCHEMA_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A request budget shared by every process that names it: at most {@code limit} requests in any sliding
   * {@code window}. For Scenario, one per project: 90 a minute leaves a margin under its 100.
   */
  public PostgresRequestBudget requestBudget(String name, int limit, Duration window) {
    Objects.requireNonNull(name, "name == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit + " must be at least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window + " must be positive");
    }
    return new PostgresRequestBudget(keep(), trips, name, limit, window);
  }

  /** Generation slots shared by every process that names the pool: at most {@code ceiling} taken at once. */
  public PostgresJobSlots jobSlots(String pool, int ceiling) {
    return jobSlots(pool, ceiling, UNBOUND_SLOT_EXPIRY, BOUND_SLOT_EXPIRY);
  }

  /**
   * {@link #jobSlots(String, int)} with the times after which a seat whose holder never freed it is free again:
   * {@code unboundExpiry} for a submission key never bound to a job (default 10 minutes), {@code boundExpiry} for
   * any seat (default 2 hours).
   */
  public PostgresJobSlots jobSlots(String pool, int ceiling, Duration unboundExpiry, Duration boundExpiry) {
    Objects.requireNonNull(pool, "pool == null");
    if (ceiling < 1 || ceiling > 10_000) {
      throw new IllegalArgumentException("ceiling " + ceiling + " is not allowed; allowed: 1 to 10000");
    }
    return new PostgresJobSlots(keep(), trips, pool, ceiling, unboundExpiry, boundExpiry);
  }

  /**
   * The batches kept in this store, their seats drawn from the generation pool {@code pool} (the one
   * {@link #jobSlots} names for the project): for {@code dev.ltx4j.batch.BatchWorker}s on any number of machines.
   * Close it to stop its listening connection.
   */
  public PostgresBatchStore batches(String pool) {
    return new PostgresBatchStore(dataSource, Objects.requireNonNull(pool, "pool == null"), trips, sleeper);
  }

  /** Round trips this store's budgets, slots and ledgers made so far. */
  public RoundTrips roundTrips() {
    return trips;
  }

  DataSource dataSource() {
    return dataSource;
  }

  private synchronized DedicatedConnection keep() {
    DedicatedConnection connection = new DedicatedConnection(dataSource);
    kept.add(connection);
    return connection;
  }

  /** Closes the connections the budgets and slots keep; the data source stays the caller's. */
  @Override
  public synchronized void close() {
    kept.forEach(DedicatedConnection::close);
    kept.clear();
  }
}
