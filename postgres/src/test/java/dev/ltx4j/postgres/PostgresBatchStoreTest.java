package dev.ltx4j.postgres;

import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.BatchStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/** PostgreSQL keeps the batch protocol every store keeps. */
class PostgresBatchStoreTest extends BatchStoreContract {
  private DataSource dataSource;

  @Override
  protected BatchStore newStore() {
    dataSource = EmbeddedPg.freshDatabase("batch_contract");
    return PostgresStore.create(dataSource).batches("contract-pool");
  }

  @Override
  protected void leaseLapses(String workerId) throws Exception {
    try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
        "UPDATE ltx4j_worker SET seen_at = clock_timestamp() - interval '1 hour' WHERE id = ?")) {
      update.setString(1, workerId);
      update.executeUpdate();
    }
  }
}
