package dev.ltx4j.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.ltx4j.postgres.PostgresBatchStore;
import dev.ltx4j.postgres.PostgresStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend of a command that names a store: the PostgreSQL pool, the store, its batches, and a client drawing
 * from the fleet's one request budget. The budget's window is a little longer than the service's minute, so that a
 * request that leaves a moment after its permit was granted cannot make the server count more than the budget in
 * any of its minutes.
 */
final class StoreBackend {
  static final Duration BUDGET_WINDOW = Duration.ofSeconds(62);

  private StoreBackend() {}

  static Backend open(CommonOptions common, StoreOptions options) {
    HikariDataSource dataSource = StoreConnection.open(options, System.getenv(), 8);
    List<AutoCloseable> resources = new ArrayList<>();
    resources.add(dataSource);
    try {
      PostgresStore store = PostgresStore.create(dataSource).migrate();
      resources.add(store);
      PostgresBatchStore batches = store.batches(options.projectName);
      Backend api = Backend.open(common.sandbox, common.err(), builder -> builder.requestBudget(
          store.requestBudget(options.projectName, options.requestsPerMinute, BUDGET_WINDOW)));
      return api.with(batches, resources);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }
}
