package dev.ltx4j.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.ltx4j.batch.BatchStatus;
import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.JournalStore;
import dev.ltx4j.postgres.PostgresStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "batch-status", mixinStandardHelpOptions = true,
    description = "Show where a batch stands: its lines by state, what it spent of what was quoted and of its cap, "
        + "why it stopped if it did, and its workers with the lines and seats each holds.",
    footer = {"%nExamples:", "  ltx4j batch-status --out videos",
        "  ltx4j batch-status --store jdbc:postgresql://db.example.com/ltx4j --batch batch-3f2a9c"})
final class BatchStatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin StoreOptions store;

  @Option(names = "--out", paramLabel = "DIR", description = "The folder of a batch run without --store.")
  @Nullable Path out;

  @Option(names = "--batch", paramLabel = "ID", description = "The batch in the store; by default the newest.")
  @Nullable String batch;

  @Override
  public Integer call() {
    if (store.url == null) {
      if (out == null) {
        throw new CommandException(ExitCodes.USAGE, "batch-status needs --out DIR (a batch run in a folder) or "
            + "--store jdbc:postgresql://… (a batch shared by machines)");
      }
      return print(JournalStore.statusOf(out).orElseThrow(() -> new CommandException(ExitCodes.USAGE,
          "no batch journal in " + out + " (" + JournalStore.FILE_NAME + ")")));
    }
    try (HikariDataSource dataSource = StoreConnection.open(store, System.getenv(), 2);
        PostgresStore postgres = PostgresStore.create(dataSource).migrate();
        BatchStore batches = postgres.batches(store.projectName)) {
      List<String> ids = batch != null ? List.of(batch) : batches.batches().stream().limit(1).toList();
      if (ids.isEmpty()) {
        common.output().result("no batch in the store", Map.of());
        return ExitCodes.OK;
      }
      Optional<BatchStatus> status = batches.status(ids.get(0));
      return print(status.orElseThrow(() -> new CommandException(ExitCodes.USAGE, "no batch " + ids.get(0)
          + " in the store; batches: " + batches.batches())));
    }
  }

  private int print(BatchStatus status) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("batch", status.batchId());
    fields.put("source", status.source());
    fields.put("lines", status.lines());
    BatchSummary.putStatesAndSpend(fields, status);
    if (status.maxCredits() != null) {
      fields.put("remaining", status.remaining().orElse(0));
    }
    fields.put("extraJobs", status.extraJobs());
    status.stoppedBecause().ifPresent(why -> fields.put("stopped", why));
    fields.put("workers", status.workers().stream().map(worker -> Map.of("id", worker.id(), "host", worker.host(),
        "live", worker.live(), "linesOwned", worker.linesOwned(), "seatsHeld", worker.seatsHeld())).toList());
    String workers = status.workers().stream().map(worker -> "  " + worker.id() + " (" + worker.host() + "): "
        + (worker.live() ? "live" : "gone") + ", " + worker.linesOwned() + " lines, " + worker.seatsHeld() + " seats")
        .collect(Collectors.joining("\n"));
    common.output().result(BatchSummary.describe(status) + String.format(java.util.Locale.ROOT,
        "; quoted %.1f, charged %.1f", status.quoted(), status.charged())
        + (status.extraJobs() == 0 ? "" : "; " + status.extraJobs() + " extra jobs")
        + (workers.isEmpty() ? "" : "\n" + workers), fields);
    return ExitCodes.OK;
  }
}
