package dev.ltx4j.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.ltx4j.postgres.BatchLedger;
import dev.ltx4j.postgres.PostgresStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "batch-status", mixinStandardHelpOptions = true,
    description = "Show a batch kept in PostgreSQL: its lines by state, the credits its submissions cost, its live "
        + "workers.",
    footer = {"%nExample:", "  ltx4j batch-status --store jdbc:postgresql://db.example.com/ltx4j"})
final class BatchStatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin StoreOptions store;

  @Option(names = "--batch", paramLabel = "ID", description = "The batch; by default the newest.")
  String batch;

  @Override
  public Integer call() {
    if (store.url == null) {
      throw new CommandException(ExitCodes.USAGE, "batch-status needs --store jdbc:postgresql://…");
    }
    try (HikariDataSource dataSource = StoreConnection.open(store, System.getenv(), 2)) {
      BatchLedger ledger = PostgresStore.create(dataSource).migrate().ledger();
      List<String> ids = batch != null ? List.of(batch) : ledger.batches().stream().limit(1).toList();
      if (ids.isEmpty()) {
        common.output().result("no batch in the store", Map.of());
        return ExitCodes.OK;
      }
      StoreBatch.print(common.output(), ledger.status(ids.get(0)).orElseThrow(() -> new CommandException(
          ExitCodes.USAGE, "no batch " + ids.get(0) + " in the store; batches: " + ledger.batches())));
      return ExitCodes.OK;
    }
  }
}
