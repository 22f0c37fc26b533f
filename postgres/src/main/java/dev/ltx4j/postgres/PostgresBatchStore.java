package dev.ltx4j.postgres;

import dev.ltx4j.Sleeper;
import dev.ltx4j.batch.BatchLine;
import dev.ltx4j.batch.BatchStatus;
import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.BatchStoreException;
import dev.ltx4j.batch.Claim;
import dev.ltx4j.batch.LineState;
import dev.ltx4j.batch.NewLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A batch kept in PostgreSQL, for workers on many machines: the lines with their owners and epochs (leases on the
 * line rows, claimed with {@code FOR UPDATE SKIP LOCKED}), the workers' heartbeats, the seats of the fleet's pool,
 * and notifications for waiting workers ({@code LISTEN ltx4j_batch}). Every method is one statement (one round
 * trip) on a connection from the data source, in autocommit, bounded by {@link #STATEMENT_TIMEOUT} and a socket
 * timeout, so that a database that hangs fails a call instead of holding it. The database's clock decides every
 * time the protocol reads: sending times, leases, seat expiry.
 */
public final class PostgresBatchStore implements BatchStore {
  /** The longest any statement of the store may run, and the socket timeout of its connections. */
  public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(15);
  private static final String OPEN = "('pending', 'submitting', 'submitted')";
  private static final String LINE_COLUMNS = "l.batch_id, l.line, l.request, l.request_key, l.state, l.sent_at, l.job_id";
  private static final Executor SAME_THREAD = Runnable::run;
  /**
   * How lately a worker must have been seen to count as live where no lease timeout is given: in the status, and for
   * the seat queue of the schema's seat functions. Longer than any lease.
   */
  private static final Duration LIVE_WINDOW = Duration.ofMinutes(1);

  private final DataSource dataSource;
  private final String pool;
  private final RoundTrips trips;
  private final ChangeListener changes;

  PostgresBatchStore(DataSource dataSource, String pool, RoundTrips trips, Sleeper sleeper) {
    this.dataSource = dataSource;
    this.pool = pool;
    this.trips = trips;
    this.changes = new ChangeListener(dataSource, STATEMENT_TIMEOUT, sleeper);
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T run(Work<T> work) {
    return run("create", work);
  }

  private <T> T run(String sql, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setNetworkTimeout(SAME_THREAD, (int) STATEMENT_TIMEOUT.plusSeconds(5).toMillis());
      connection.setAutoCommit(true);
      trips.ledgerCall(kind(sql));
      return work.run(connection);
    } catch (SQLException e) {
      throw new BatchStoreException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** What a statement does, for the counts by kind: the function it calls, else its first words. */
  private static String kind(String sql) {
    java.util.regex.Matcher function = java.util.regex.Pattern.compile("(ltx4j_[a-z_]+)\\(").matcher(sql);
    if (sql.startsWith("SELECT ltx4j_") && function.find()) {
      return function.group(1);
    }
    String[] words = sql.replaceAll("\\s+", " ").trim().split(" ");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length))).replaceAll("[^A-Za-z_ ]", "");
  }

  private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout((int) STATEMENT_TIMEOUT.toSeconds());
    return statement;
  }

  private <T> T query(String sql, RowReader<T> reader, @Nullable Object... values) {
    return run(sql, c -> {
      try (PreparedStatement statement = prepare(c, sql)) {
        bind(statement, values);
        try (ResultSet rows = statement.executeQuery()) {
          return reader.read(rows);
        }
      }
    });
  }

  private int update(String sql, @Nullable Object... values) {
    return run(sql, c -> {
      try (PreparedStatement statement = prepare(c, sql)) {
        bind(statement, values);
        return statement.executeUpdate();
      }
    });
  }

  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private static void bind(PreparedStatement statement, @Nullable Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        statement.setNull(i + 1, Types.NULL);
      } else {
        statement.setObject(i + 1, values[i]);
      }
    }
  }

  /** Runs {@code sql} (which must return rows) and tells waiting workers that something changed, in one statement. */
  private boolean changed(String sql, Object... values) {
    return query("WITH changed AS (" + sql + " RETURNING 1) SELECT pg_notify('ltx4j_batch', ?) FROM changed",
        ResultSet::next, append(values, pool));
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  @Override
  public Instant now() {
    return query("SELECT clock_timestamp()", rows -> {
      rows.next();
      return rows.getTimestamp(1).toInstant();
    });
  }

  @Override
  public boolean create(String batchId, String source, List<NewLine> lines, @Nullable Double maxCredits) {
    return run(c -> {
      c.setAutoCommit(false);
      try {
        boolean created;
        try (PreparedStatement insert = prepare(c,
            "INSERT INTO ltx4j_batch (id, source, lines, max_credits) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
          bind(insert, batchId, source, lines.size(), maxCredits);
          created = insert.executeUpdate() == 1;
        }
        if (created) {
          try (PreparedStatement insert = prepare(c, "INSERT INTO ltx4j_batch_line "
              + "(batch_id, line, request, request_key, estimate) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (NewLine line : lines) {
              bind(insert, batchId, line.line(), line.request(), line.requestKey(), line.estimate());
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
        c.commit();
        return created;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  @Override
  public List<String> openBatches() {
    return query("SELECT b.id FROM ltx4j_batch b WHERE b.stopped IS NULL AND EXISTS (SELECT 1 FROM ltx4j_batch_line l "
        + "WHERE l.batch_id = b.id AND l.state IN " + OPEN + ") ORDER BY b.created_at, b.id", PostgresBatchStore::ids);
  }

  @Override
  public List<String> batches() {
    return query("SELECT id FROM ltx4j_batch ORDER BY created_at DESC, id", PostgresBatchStore::ids);
  }

  private static List<String> ids(ResultSet rows) throws SQLException {
    List<String> ids = new ArrayList<>();
    while (rows.next()) {
      ids.add(rows.getString(1));
    }
    return ids;
  }

  @Override
  public Optional<BatchStatus> status(String batchId) {
    return query("SELECT b.source, b.lines, b.max_credits, b.stopped, ltx4j_batch_spent(b.id), "
        + "(SELECT coalesce(sum(estimate), 0) FROM ltx4j_batch_line WHERE batch_id = b.id), "
        + "(SELECT coalesce(sum(credits), 0) FROM ltx4j_batch_line WHERE batch_id = b.id) "
        + "  + (SELECT coalesce(sum(credits), 0) FROM ltx4j_batch_extra WHERE batch_id = b.id), "
        + "(SELECT count(*) FROM ltx4j_batch_extra WHERE batch_id = b.id), "
        + "(SELECT string_agg(state || '=' || n, ',') FROM (SELECT state, count(*) n FROM ltx4j_batch_line "
        + "   WHERE batch_id = b.id GROUP BY state) s), "
        + "(SELECT string_agg(w.id || E'\\t' || w.host || E'\\t' "
        + "   || (w.seen_at > clock_timestamp() - interval '" + LIVE_WINDOW.toSeconds() + " seconds') "
        + "   || E'\\t' || (SELECT count(*) FROM ltx4j_batch_line o WHERE o.owner = w.id AND o.batch_id = b.id "
        + "      AND o.state IN " + OPEN + ") || E'\\t' || (SELECT count(*) FROM ltx4j_job_slot s JOIN ltx4j_batch_line o "
        + "      ON s.holder = 'batch:' || o.batch_id || ':' || o.line WHERE o.owner = w.id AND o.batch_id = b.id), "
        + "   E'\\n' ORDER BY w.started_at) FROM ltx4j_worker w WHERE w.batch_id = b.id OR w.batch_id IS NULL "
        + "   AND EXISTS (SELECT 1 FROM ltx4j_batch_line o WHERE o.owner = w.id AND o.batch_id = b.id)) "
        + "FROM ltx4j_batch b WHERE b.id = ?", rows -> {
          if (!rows.next()) {
            return Optional.<BatchStatus>empty();
          }
          Map<LineState, Integer> byState = new EnumMap<>(LineState.class);
          for (LineState state : LineState.values()) {
            byState.put(state, 0);
          }
          String states = rows.getString(9);
          for (String pair : states == null ? new String[0] : states.split(",")) {
            String[] parts = pair.split("=");
            byState.put(LineState.ofWireName(parts[0]), Integer.parseInt(parts[1]));
          }
          List<BatchStatus.Worker> workers = new ArrayList<>();
          String text = rows.getString(10);
          for (String row : text == null ? new String[0] : text.split("\n")) {
            String[] f = row.split("\t");
            workers.add(new BatchStatus.Worker(f[0], f[1], f[2].equals("true"), Integer.parseInt(f[3]),
                Integer.parseInt(f[4])));
          }
          double max = rows.getDouble(3);
          Double maxCredits = rows.wasNull() ? null : max;
          return Optional.of(new BatchStatus(batchId, rows.getString(1), rows.getInt(2), Map.copyOf(byState),
              rows.getDouble(7), rows.getDouble(5), rows.getDouble(6), maxCredits, rows.getInt(8), rows.getString(4),
              List.copyOf(workers)));
        }, batchId);
  }

  @Override
  public void stop(String batchId, String reason) {
    changed("UPDATE ltx4j_batch SET stopped = ? WHERE id = ? AND stopped IS NULL", reason, batchId);
  }

  @Override
  public void register(String workerId, @Nullable String batchId, String host) {
    update("INSERT INTO ltx4j_worker (id, batch_id, host) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
        + "SET seen_at = clock_timestamp()", workerId, batchId, host);
  }

  @Override
  public Beat heartbeat(String workerId, @Nullable String batchId, Duration timeout) {
    return query("WITH beat AS (UPDATE ltx4j_worker SET seen_at = clock_timestamp() WHERE id = ? RETURNING 1) "
        + "SELECT (SELECT count(*) FROM beat), (SELECT count(*) FROM ltx4j_batch_line c WHERE c.batch_id = ? "
        + "AND c.state IN " + OPEN + " AND c.owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ltx4j_worker w "
        + "WHERE w.id = c.owner AND w.seen_at > clock_timestamp() - ? * interval '1 millisecond') "
        + "AND (c.state <> 'pending' OR EXISTS (SELECT 1 FROM ltx4j_job_slot s "
        + "WHERE s.holder = 'batch:' || c.batch_id || ':' || c.line)))", rows -> {
          rows.next();
          return new Beat(rows.getInt(1) == 1, rows.getInt(2));
        }, workerId, batchId, timeout.toMillis());
  }

  @Override
  public void leave(String workerId) {
    query("WITH freed AS (UPDATE ltx4j_batch_line SET owner = NULL WHERE owner = ? AND state IN " + OPEN
        + " RETURNING 1), gone AS (DELETE FROM ltx4j_worker WHERE id = ? RETURNING 1) "
        + "SELECT pg_notify('ltx4j_batch', ?)", ResultSet::next, workerId, workerId, pool);
  }

  @Override
  public List<Claim> claim(String batchId, String workerId, Duration timeout, int limit, boolean underWayOnly) {
    String underWay = underWayOnly ? "AND (c.state <> 'pending' OR EXISTS (SELECT 1 FROM ltx4j_job_slot s "
        + "WHERE s.holder = 'batch:' || c.batch_id || ':' || c.line)) " : "";
    return query("UPDATE ltx4j_batch_line l SET owner = ?, epoch = l.epoch + 1, sending = false, updated_at = now() "
        + "WHERE (l.batch_id, l.line) IN (SELECT c.batch_id, c.line FROM ltx4j_batch_line c "
        + "WHERE c.batch_id = ? AND c.state IN " + OPEN + " AND (c.owner IS NULL OR NOT EXISTS (SELECT 1 FROM "
        + "ltx4j_worker w WHERE w.id = c.owner AND w.seen_at > clock_timestamp() - ? * interval '1 millisecond')) "
        + underWay + "ORDER BY c.line LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + LINE_COLUMNS + ", l.epoch",
        rows -> {
          List<Claim> claims = new ArrayList<>();
          while (rows.next()) {
            claims.add(new Claim(line(rows), workerId, rows.getLong(8)));
          }
          claims.sort(java.util.Comparator.comparingInt(claim -> claim.line().line()));
          return claims;
        }, workerId, batchId, timeout.toMillis(), limit);
  }

  @Override
  public Optional<BatchLine> line(String batchId, int line) {
    return query("SELECT " + LINE_COLUMNS + " FROM ltx4j_batch_line l WHERE l.batch_id = ? AND l.line = ?",
        rows -> rows.next() ? Optional.of(line(rows)) : Optional.<BatchLine>empty(), batchId, line);
  }

  @Override
  public Mark markSubmitting(Claim claim) {
    String mark = query("SELECT ltx4j_mark_submitting(?, ?, ?, ?)", rows -> {
      rows.next();
      return rows.getString(1);
    }, claim.line().batchId(), claim.line().line(), claim.workerId(), claim.epoch());
    return switch (mark) {
      case "sending" -> Mark.SENDING;
      case "stopped" -> Mark.STOPPED;
      case "over_cap" -> Mark.OVER_CAP;
      case "no_seat" -> Mark.NO_SEAT;
      default -> Mark.LOST;
    };
  }

  /** The claim's condition: the line is still this claim's. */
  private static final String OWNED = "batch_id = ? AND line = ? AND owner = ? AND epoch = ?";

  private static Object[] owned(Claim claim, Object... before) {
    Object[] values = java.util.Arrays.copyOf(before, before.length + 4);
    values[before.length] = claim.line().batchId();
    values[before.length + 1] = claim.line().line();
    values[before.length + 2] = claim.workerId();
    values[before.length + 3] = claim.epoch();
    return values;
  }

  @Override
  public boolean markUnanswered(Claim claim) {
    return 1 == update("UPDATE ltx4j_batch_line SET sending = false WHERE " + OWNED + " AND state = 'submitting'",
        owned(claim));
  }

  @Override
  public boolean markPending(Claim claim) {
    return changed("UPDATE ltx4j_batch_line SET state = 'pending', sending = false, sent_at = NULL, updated_at = now() "
        + "WHERE " + OWNED + " AND state = 'submitting'", owned(claim));
  }

  @Override
  public Recorded markSubmitted(Claim claim, String jobId, @Nullable Double credits) {
    String recorded = query("SELECT ltx4j_mark_submitted(?, ?, ?, ?)", rows -> {
      rows.next();
      return rows.getString(1);
    }, claim.line().batchId(), claim.line().line(), jobId, credits);
    return switch (recorded) {
      case "line" -> Recorded.LINE;
      case "extra" -> Recorded.EXTRA;
      default -> Recorded.HELD_ELSEWHERE;
    };
  }

  @Override
  public boolean markDone(Claim claim, String file) {
    return 1 == update("UPDATE ltx4j_batch_line SET state = 'done', file = ?, owner = NULL, updated_at = now() WHERE "
        + OWNED + " AND state = 'submitted'", owned(claim, file));
  }

  @Override
  public boolean markFailed(Claim claim, String error) {
    return 1 == update("UPDATE ltx4j_batch_line SET state = 'failed', error = ?, owner = NULL, updated_at = now() WHERE "
        + OWNED + " AND state IN " + OPEN, owned(claim, error));
  }

  @Override
  public boolean markUnresolved(Claim claim, String error) {
    return 1 == update("UPDATE ltx4j_batch_line SET state = 'unresolved', error = ?, owner = NULL, updated_at = now() "
        + "WHERE " + OWNED + " AND state = 'submitting'", owned(claim, error));
  }

  @Override
  public boolean resolve(String batchId, int line, String file) {
    return changed("UPDATE ltx4j_batch_line SET state = 'done', file = ?, owner = NULL, updated_at = now() "
        + "WHERE batch_id = ? AND line = ? AND state = 'unresolved'", file, batchId, line);
  }

  @Override
  public boolean owns(Claim claim) {
    return query("SELECT 1 FROM ltx4j_batch_line WHERE " + OWNED, ResultSet::next, owned(claim));
  }

  @Override
  public boolean disown(Claim claim) {
    return changed("UPDATE ltx4j_batch_line SET owner = NULL WHERE " + OWNED, owned(claim));
  }

  @Override
  public Set<String> heldJobIds(Collection<String> jobIds) {
    if (jobIds.isEmpty()) {
      return Set.of();
    }
    return run(c -> {
      try (PreparedStatement query = prepare(c, "SELECT job_id FROM ltx4j_batch_line WHERE job_id = ANY (?) "
          + "UNION SELECT job_id FROM ltx4j_batch_extra WHERE job_id = ANY (?)")) {
        java.sql.Array ids = c.createArrayOf("text", jobIds.toArray());
        query.setArray(1, ids);
        query.setArray(2, ids);
        Set<String> held = new HashSet<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            held.add(rows.getString(1));
          }
        }
        return held;
      }
    });
  }

  @Override
  public int waitingWithRequest(String batchId, String requestKey) {
    return query("SELECT count(*) FROM ltx4j_batch_line WHERE batch_id = ? AND request_key = ? "
        + "AND state = 'submitting' AND job_id IS NULL", rows -> {
          rows.next();
          return rows.getInt(1);
        }, batchId, requestKey);
  }

  @Override
  public boolean inFlightWithRequest(String batchId, String requestKey, int line, Duration timeout) {
    return query("SELECT EXISTS (SELECT 1 FROM ltx4j_batch_line l JOIN ltx4j_worker w ON w.id = l.owner "
        + "WHERE l.batch_id = ? AND l.request_key = ? AND l.line <> ? AND l.state = 'submitting' AND l.sending "
        + "AND w.seen_at > clock_timestamp() - ? * interval '1 millisecond')", rows -> {
          rows.next();
          return rows.getBoolean(1);
        }, batchId, requestKey, line, timeout.toMillis());
  }

  @Override
  public boolean takeSeat(Claim claim, int ceiling) {
    changes.start(); // listening before the line may wait, so that a seat handed to it meanwhile is heard of
    return query("SELECT ltx4j_take_seat(?, ?, ?, ?)", rows -> {
      rows.next();
      return rows.getBoolean(1);
    }, pool, claim.line().seatKey(), ceiling, LIVE_WINDOW.toMillis());
  }

  @Override
  public void holdSeat(Claim claim) {
    query("SELECT ltx4j_hold_seat(?, ?)", ResultSet::next, pool, claim.line().seatKey());
  }

  @Override
  public void releaseSeat(BatchLine line) {
    query("SELECT ltx4j_release_seat(?, ?, ?)", ResultSet::next, pool, line.seatKey(), LIVE_WINDOW.toMillis());
  }

  @Override
  public void awaitChange(Duration max) throws InterruptedException {
    changes.await(max);
  }

  @Override
  public boolean awaitSeat(BatchLine line, Duration max) throws InterruptedException {
    return changes.awaitSeat(line.seatKey(), max);
  }

  /** Round trips this store made so far. */
  public RoundTrips roundTrips() {
    return trips;
  }

  @Override
  public void close() {
    changes.close();
  }

  private static BatchLine line(ResultSet row) throws SQLException {
    Timestamp sentAt = row.getTimestamp(6);
    return new BatchLine(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
        LineState.ofWireName(row.getString(5)), sentAt == null ? null : sentAt.toInstant(), row.getString(7));
  }
}
