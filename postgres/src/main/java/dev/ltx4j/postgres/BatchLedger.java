package dev.ltx4j.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The batch ledger: batches, their lines, and the workers that own them. Each line is owned by at most one live
 * worker; a worker is live while its heartbeat ({@link #heartbeat(String)}) is younger than the timeout the claimer
 * passes, and a claim takes lines that are unowned or owned by a worker that is not, skipping rows another claimer
 * holds locked ({@code FOR UPDATE SKIP LOCKED}). Every state change names the owner or the state it expects, so that
 * a worker that lost a line cannot overwrite what the next owner did. Every method is one statement on a connection
 * from the data source, in autocommit.
 */
public final class BatchLedger {
  /** A line of a batch file to record: its number, its JSON, and a digest equal for equal requests. */
  public record NewLine(int line, String request, String requestKey) {
    /** Line {@code line}, stored as {@code json}, which reads back as {@code request}. */
    public static NewLine of(int line, String json, dev.ltx4j.LtxRequest request) {
      return new NewLine(line, json, LineSubmitter.requestKey(request));
    }
  }

  private static final String OPEN = "('pending', 'submitting', 'submitted')";
  private final DataSource dataSource;
  private final RoundTrips trips;

  BatchLedger(DataSource dataSource, RoundTrips trips) {
    this.dataSource = dataSource;
    this.trips = trips;
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T run(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL statement failed: " + e.getMessage(), e);
    }
  }

  /**
   * Records a batch and its lines unless a batch with this id exists; either way its lines are then in the ledger.
   * Returns true when this call created it.
   */
  public boolean createBatch(String batchId, String source, List<NewLine> lines) {
    return run(c -> {
      c.setAutoCommit(false);
      try {
        boolean created;
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO ltx4j_batch (id, source, lines) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
          insert.setString(1, batchId);
          insert.setString(2, source);
          insert.setInt(3, lines.size());
          created = insert.executeUpdate() == 1;
        }
        if (created) {
          try (PreparedStatement insert = c.prepareStatement("INSERT INTO ltx4j_batch_line "
              + "(batch_id, line, request, request_key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (NewLine line : lines) {
              insert.setString(1, batchId);
              insert.setInt(2, line.line());
              insert.setString(3, line.request());
              insert.setString(4, line.requestKey());
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
        c.commit();
        trips.ledgerCall();
        return created;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  /** Batches that still have lines to work on, oldest first. */
  public List<String> openBatches() {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT b.id FROM ltx4j_batch b WHERE EXISTS (SELECT 1 FROM "
          + "ltx4j_batch_line l WHERE l.batch_id = b.id AND l.state IN " + OPEN + ") ORDER BY b.created_at, b.id");
          ResultSet rows = query.executeQuery()) {
        List<String> ids = new ArrayList<>();
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
        return ids;
      }
    });
  }

  /** Every batch id, newest first. */
  public List<String> batches() {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT id FROM ltx4j_batch ORDER BY created_at DESC, id");
          ResultSet rows = query.executeQuery()) {
        List<String> ids = new ArrayList<>();
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
        return ids;
      }
    });
  }

  /** Records a worker as alive now. */
  public void register(String workerId, String batchId, String host) {
    update("INSERT INTO ltx4j_worker (id, batch_id, host) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
        + "SET seen_at = now()", workerId, batchId, host);
  }

  /** The worker is alive now; false when its record is gone. */
  public boolean heartbeat(String workerId) {
    return update("UPDATE ltx4j_worker SET seen_at = now() WHERE id = ?", workerId) == 1;
  }

  /** A worker that stops cleanly: its open lines are unowned at once, and its record goes. */
  public void leave(String workerId) {
    update("WITH freed AS (UPDATE ltx4j_batch_line SET owner = NULL WHERE owner = ? AND state IN " + OPEN
        + " RETURNING 1) DELETE FROM ltx4j_worker WHERE id = ?", workerId, workerId);
  }

  /** The worker gives the line up (it could not go on with it): the next claim may take it. */
  public boolean disown(BatchLine line, String workerId) {
    return update("UPDATE ltx4j_batch_line SET owner = NULL WHERE batch_id = ? AND line = ? AND owner = ?",
        line.batchId(), line.line(), workerId) == 1;
  }

  /**
   * Gives {@code workerId} the lowest open line of the batch that no live worker owns (a worker is live when seen
   * within {@code timeout}); empty when there is none now.
   */
  public Optional<BatchLine> claim(String batchId, String workerId, Duration timeout) {
    return claimLines(batchId, workerId, timeout, "", 1).stream().findFirst();
  }

  /**
   * Gives {@code workerId} up to {@code limit} open lines of the batch that no live worker owns and that are under
   * way: sent ({@code submitting} or {@code submitted}), or holding a generation seat (a seat whose holder is the
   * line's slot key). They hold seats nobody else can use until a worker finishes them, so a worker takes them
   * whatever its own lines are doing; lines not yet under way wait for an ordinary {@link #claim}.
   */
  public List<BatchLine> claimOrphans(String batchId, String workerId, Duration timeout, int limit) {
    return claimLines(batchId, workerId, timeout, "AND (c.state <> 'pending' OR EXISTS (SELECT 1 FROM ltx4j_job_slot s "
        + "WHERE s.holder = 'batch:' || c.batch_id || ':' || c.line)) ", limit);
  }

  /** Up to {@code limit} open lines no live worker owns, lowest first, that also meet {@code condition}. */
  private List<BatchLine> claimLines(String batchId, String workerId, Duration timeout, String condition, int limit) {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement claim = c.prepareStatement("UPDATE ltx4j_batch_line l SET owner = ?, updated_at = now() "
          + "WHERE (l.batch_id, l.line) IN (SELECT c.batch_id, c.line FROM ltx4j_batch_line c "
          + "WHERE c.batch_id = ? AND c.state IN " + OPEN + " AND (c.owner IS NULL OR NOT EXISTS (SELECT 1 FROM "
          + "ltx4j_worker w WHERE w.id = c.owner AND w.seen_at > now() - ? * interval '1 millisecond')) "
          + condition
          + "ORDER BY c.line LIMIT ? FOR UPDATE SKIP LOCKED) "
          + "RETURNING l.batch_id, l.line, l.request, l.request_key, l.state, l.sent_at, l.job_id")) {
        claim.setString(1, workerId);
        claim.setString(2, batchId);
        claim.setLong(3, timeout.toMillis());
        claim.setInt(4, limit);
        List<BatchLine> lines = new ArrayList<>();
        try (ResultSet rows = claim.executeQuery()) {
          while (rows.next()) {
            lines.add(line(rows));
          }
        }
        return lines;
      }
    });
  }

  /** The line as the ledger holds it now. */
  public BatchLine line(String batchId, int line) {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT batch_id, line, request, request_key, state, "
          + "sent_at, job_id FROM ltx4j_batch_line WHERE batch_id = ? AND line = ?")) {
        query.setString(1, batchId);
        query.setInt(2, line);
        try (ResultSet row = query.executeQuery()) {
          if (!row.next()) {
            throw new IllegalArgumentException("batch " + batchId + " has no line " + line);
          }
          return line(row);
        }
      }
    });
  }

  /**
   * Marks a pending line {@code submitting}, committed, on {@code connection} (the one that holds the request's
   * submission lock); false when {@code owner} no longer owns it or it is not pending.
   */
  boolean markSubmitting(Connection connection, BatchLine line, String owner, Instant sentAt) throws SQLException {
    trips.ledgerCall();
    try (PreparedStatement update = connection.prepareStatement("UPDATE ltx4j_batch_line SET state = 'submitting', "
        + "sent_at = ?, updated_at = now() WHERE batch_id = ? AND line = ? AND owner = ? AND state = 'pending'")) {
      update.setTimestamp(1, Timestamp.from(sentAt));
      update.setString(2, line.batchId());
      update.setInt(3, line.line());
      update.setString(4, owner);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Records the line's job: only while it is {@code submitting} (its sender or its recoverer holds the request's
   * lock, so no one else changes it meanwhile). False when the line was not submitting.
   *
   * @throws StoreException when another line holds that job already
   */
  public boolean markSubmitted(BatchLine line, String jobId, Double credits) {
    return update("UPDATE ltx4j_batch_line SET state = 'submitted', job_id = ?, credits = ?, updated_at = now() "
        + "WHERE batch_id = ? AND line = ? AND state = 'submitting'", jobId, credits, line.batchId(), line.line()) == 1;
  }

  /** Nothing was created by the line's submission (recovery found no job): it may be sent again. */
  public boolean markPending(BatchLine line) {
    return update("UPDATE ltx4j_batch_line SET state = 'pending', sent_at = NULL, updated_at = now() "
        + "WHERE batch_id = ? AND line = ? AND state = 'submitting'", line.batchId(), line.line()) == 1;
  }

  /** The line's video is saved as {@code file}. */
  public boolean markDone(BatchLine line, String file) {
    return update("UPDATE ltx4j_batch_line SET state = 'done', file = ?, owner = NULL, updated_at = now() "
        + "WHERE batch_id = ? AND line = ? AND state = 'submitted'", file, line.batchId(), line.line()) == 1;
  }

  /** The line's job failed (or its submission was refused for good). */
  public boolean markFailed(BatchLine line, String error) {
    return update("UPDATE ltx4j_batch_line SET state = 'failed', error = ?, owner = NULL, updated_at = now() "
        + "WHERE batch_id = ? AND line = ? AND state IN " + OPEN, error, line.batchId(), line.line()) == 1;
  }

  /** Recovery cannot tell which job is the line's: a person must (the error names the candidates). */
  public boolean markUnresolved(BatchLine line, String error) {
    return update("UPDATE ltx4j_batch_line SET state = 'unresolved', error = ?, owner = NULL, updated_at = now() "
        + "WHERE batch_id = ? AND line = ? AND state = 'submitting'", error, line.batchId(), line.line()) == 1;
  }

  /** Which of {@code jobIds} some line (of any batch) holds already. */
  public Set<String> heldJobIds(List<String> jobIds) {
    if (jobIds.isEmpty()) {
      return Set.of();
    }
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT job_id FROM ltx4j_batch_line WHERE job_id = ANY (?)")) {
        query.setArray(1, c.createArrayOf("text", jobIds.toArray()));
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

  /** Lines of the batch with this request that were sent and have no job recorded. */
  public int unresolvedWithRequest(String batchId, String requestKey) {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM ltx4j_batch_line WHERE batch_id = ? "
          + "AND request_key = ? AND state = 'submitting' AND job_id IS NULL")) {
        query.setString(1, batchId);
        query.setString(2, requestKey);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          return row.getInt(1);
        }
      }
    });
  }

  /** The batch's lines by state and its credits; empty when there is no such batch. */
  public Optional<BatchStatus> status(String batchId) {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT b.source, b.lines, l.state, count(l.line), "
          + "coalesce(sum(l.credits), 0), (SELECT count(*) FROM ltx4j_worker w WHERE w.batch_id = b.id AND "
          + "w.seen_at > now() - interval '1 minute') FROM ltx4j_batch b LEFT JOIN ltx4j_batch_line l "
          + "ON l.batch_id = b.id WHERE b.id = ? GROUP BY b.id, b.source, b.lines, l.state")) {
        query.setString(1, batchId);
        Map<LineState, Integer> byState = new EnumMap<>(LineState.class);
        for (LineState state : LineState.values()) {
          byState.put(state, 0);
        }
        String source = null;
        int lines = 0;
        int workers = 0;
        double credits = 0;
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            source = rows.getString(1);
            lines = rows.getInt(2);
            if (rows.getString(3) != null) {
              byState.put(LineState.of(rows.getString(3)), rows.getInt(4));
            }
            credits += rows.getDouble(5);
            workers = rows.getInt(6);
          }
        }
        return source == null ? Optional.empty()
            : Optional.of(new BatchStatus(batchId, source, lines, Map.copyOf(byState), credits, workers));
      }
    });
  }

  /** Lines of a batch in this state, by number. */
  public List<BatchLine> lines(String batchId, LineState state) {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement query = c.prepareStatement("SELECT batch_id, line, request, request_key, state, "
          + "sent_at, job_id FROM ltx4j_batch_line WHERE batch_id = ? AND state = ? ORDER BY line")) {
        query.setString(1, batchId);
        query.setString(2, state.sql());
        List<BatchLine> lines = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            lines.add(line(rows));
          }
        }
        return lines;
      }
    });
  }

  /** Takes the request's submission lock in shared mode on {@code connection}: a submission of it is in flight. */
  void lockShared(Connection connection, long requestLock) throws SQLException {
    lock(connection, "SELECT pg_advisory_lock_shared(?)", requestLock);
  }

  /** Waits until no submission of the request is in flight anywhere, then holds its lock alone. */
  void lockExclusive(Connection connection, long requestLock) throws SQLException {
    lock(connection, "SELECT pg_advisory_lock(?)", requestLock);
  }

  /** Frees every advisory lock {@code connection} holds. */
  void unlockAll(Connection connection) throws SQLException {
    lock(connection, "SELECT pg_advisory_unlock_all()", null);
  }

  private void lock(Connection connection, String sql, Long key) throws SQLException {
    trips.ledgerCall();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (key != null) {
        statement.setLong(1, key);
      }
      statement.execute();
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  private int update(String sql, Object... values) {
    return run(c -> {
      trips.ledgerCall();
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setObject(i + 1, values[i]);
        }
        return statement.executeUpdate();
      }
    });
  }

  private static BatchLine line(ResultSet row) throws SQLException {
    Timestamp sentAt = row.getTimestamp(6);
    return new BatchLine(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
        LineState.of(row.getString(5)), sentAt == null ? null : sentAt.toInstant(), row.getString(7));
  }
}
