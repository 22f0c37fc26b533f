package dev.ltx4j.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.postgres.BatchStatus;
import dev.ltx4j.postgres.BatchWorker;
import dev.ltx4j.postgres.LineState;
import dev.ltx4j.postgres.PostgresStore;
import dev.ltx4j.postgres.BatchLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A worker of a batch kept in PostgreSQL, run by {@code batch --store} and {@code worker}. */
final class StoreBatch {
  private StoreBatch() {}

  /** Reads a line's stored JSON back into its request, as the batch file's reader did. */
  static LtxRequest decode(String json) {
    try {
      return RequestFields.toRequest((Map<?, ?>) CliJson.parse(json));
    } catch (IOException e) {
      throw new IllegalStateException("a stored batch line is not JSON: " + json, e);
    }
  }

  /**
   * Records the file's lines as a batch (its id is a digest of the file, so the same file joins the same batch) and
   * works on it.
   */
  static int start(CommonOptions common, StoreOptions options, Path file, Path out, int threads, Duration deadline)
      throws IOException, InterruptedException, GeneralSecurityException {
    List<BatchLedger.NewLine> lines = new ArrayList<>();
    List<String> texts = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (BatchFile.Line line : BatchFile.read(file)) {
      String json = texts.get(line.number() - 1).strip();
      if (line.number() == 1 && json.startsWith("\uFEFF")) {
        json = json.substring(1);
      }
      lines.add(BatchLedger.NewLine.of(line.number(), json, line.request()));
    }
    OutputPaths.requireWritableFolder(out);
    String batchId = "batch-" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)), 0, 6);
    try (HikariDataSource dataSource = StoreConnection.open(options, System.getenv(), 2)) {
      PostgresStore store = PostgresStore.create(dataSource).migrate();
      boolean created = store.ledger().createBatch(batchId, file.toString(), lines);
      common.output().note((created ? "started " : "joined ") + "batch " + batchId + " (" + lines.size()
          + " lines); other machines join it with: ltx4j worker --store " + options.url + " --out DIR");
    }
    return work(common, options, batchId, out, threads, deadline);
  }

  /** Works on {@code batchId} (null: every open batch) until it is settled, then prints its status. */
  static int work(CommonOptions common, StoreOptions options, String batchId, Path out, int threads,
      Duration deadline) throws InterruptedException {
    OutputPaths.requireWritableFolder(out);
    Output output = common.output();
    try (HikariDataSource dataSource = StoreConnection.open(options, System.getenv(), Math.min(threads * 2 + 4, 40));
        PostgresStore store = PostgresStore.create(dataSource).migrate();
        Backend backend = Backend.open(common.sandbox, common.err(), builder -> builder
            .requestBudget(store.requestBudget(options.projectName, options.requestsPerMinute, Duration.ofMinutes(1)))
            .maxConcurrentJobs(100_000))) {
      BatchWorker.Builder settings = BatchWorker.builder(store, backend.client())
          .slots(store.jobSlots(options.projectName, options.ceiling)).out(out).decoder(StoreBatch::decode)
          .threads(threads).timeout(options.workerTimeout).jobDeadline(deadline);
      BatchWorker worker = (batchId == null ? settings : settings.batchId(batchId)).build();
      output.note("worker " + worker.id() + " joined " + (batchId == null ? "the open batches" : "batch " + batchId));
      BatchWorker.Result result = worker.run();
      output.note("worker " + worker.id() + ": " + result.linesDone() + " lines done here, " + result.linesFailed()
          + " failed here");
      int code = ExitCodes.OK;
      for (String batch : result.batches()) {
        BatchStatus status = store.ledger().status(batch).orElseThrow();
        print(output, status);
        if (status.byState().get(LineState.FAILED) > 0) {
          code = ExitCodes.JOB_FAILED;
        } else if (status.byState().get(LineState.UNRESOLVED) > 0 && code == ExitCodes.OK) {
          code = ExitCodes.OUTCOME_UNKNOWN;
        }
      }
      if (result.batches().isEmpty()) {
        output.result("no open batch in the store", Map.of("batches", result.batches()));
      }
      return code;
    }
  }

  static void print(Output output, BatchStatus status) {
    String states = status.byState().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey().name().toLowerCase() + " " + e.getValue()).collect(Collectors.joining(", "));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("batch", status.batchId());
    fields.put("source", status.source());
    fields.put("lines", status.lines());
    Map<String, Object> byState = new LinkedHashMap<>();
    status.byState().forEach((state, count) -> byState.put(state.name().toLowerCase(), count));
    fields.put("byState", byState);
    fields.put("credits", status.credits());
    fields.put("liveWorkers", status.liveWorkers());
    output.result("batch " + status.batchId() + " (" + status.source() + "): " + status.lines() + " lines: " + states
        + "; " + status.credits() + " credits spent; " + status.liveWorkers() + " live workers", fields);
  }
}
