package dev.ltx4j.postgres;

import dev.ltx4j.batch.BatchStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/** The batch protocol end to end on PostgreSQL. */
class PostgresBatchWorkerTest extends BatchWorkerContract {
  private static int pools;
  private DataSource dataSource;

  @Override
  BatchStore newStore() {
    if (dataSource == null) {
      dataSource = EmbeddedPg.freshDatabase("batch_workers");
    }
    return PostgresStore.create(dataSource).batches("workers-" + (++pools));
  }

  @Override
  void leaseLapses(String workerId) throws Exception {
    try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
        "UPDATE ltx4j_worker SET seen_at = clock_timestamp() - interval '1 hour' WHERE id = ?")) {
      update.setString(1, workerId);
      update.executeUpdate();
    }
  }
}
