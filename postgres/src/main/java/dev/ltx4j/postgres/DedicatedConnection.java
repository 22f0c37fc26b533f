package dev.ltx4j.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One connection kept open for short statements in autocommit, so that each costs exactly one round trip (no pool
 * check-out or validation query). A connection that fails is dropped and the next call opens a new one.
 */
final class DedicatedConnection implements AutoCloseable {
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private @Nullable Connection connection;

  DedicatedConnection(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  synchronized <T> T run(Work<T> work) {
    try {
      if (connection == null || connection.isClosed()) {
        connection = dataSource.getConnection();
        // A database that hangs fails the call instead of holding it (and the caller's permit queue) for ever.
        connection.setNetworkTimeout(Runnable::run, (int) PostgresBatchStore.STATEMENT_TIMEOUT.plusSeconds(5).toMillis());
        connection.setAutoCommit(true);
      }
      return work.run(connection);
    } catch (SQLException e) {
      closeQuietly();
      throw new StoreException("PostgreSQL statement failed: " + e.getMessage(), e);
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it failed already; a new one is opened next time
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
