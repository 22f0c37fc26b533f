package dev.ltx4j.cli;

import dev.ltx4j.LtxClient;
import dev.ltx4j.batch.BatchStatus;
import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.BatchWorker;
import dev.ltx4j.batch.BatchWorker.LineOutcome;
import dev.ltx4j.batch.BatchWorker.LineReport;
import dev.ltx4j.batch.LineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs a worker of a batch for a command (`batch` on either store, `worker`): a note per line as it ends, a
 * progress line every while, and at the end the batch's summary and the exit code its lines call for.
 */
final class BatchRun {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

  private BatchRun() {}

  /** How the worker is set up, beyond the store and the client. */
  record Setup(Path out, @Nullable String batchId, int threads, Duration deadline, Duration timeout, @Nullable Integer ceiling,
      Duration recoveryGrace) {}

  /** Works on the batch until this worker has nothing left, prints what came of it, and returns the exit code. */
  static int work(CommonOptions common, BatchStore store, LtxClient client, Setup setup) throws InterruptedException {
    Output output = common.output();
    BatchStatus before = setup.batchId() == null ? null : store.status(setup.batchId()).orElse(null);
    if (before != null) {
      resolveSavedByHand(store, before, setup.out(), output);
    }
    PaidInFlight paid = new PaidInFlight(common.err(), sending -> "stopped while " + sending.size()
        + " submission(s) were on their way (lines " + String.join(", ", new java.util.TreeSet<>(sending.keySet()))
        + "): jobs may have been created and charged. The batch records them as sent: run the same command again and"
        + " it looks for their jobs before sending anything.");
    BatchWorker.Builder builder = BatchWorker.builder(store, client).out(setup.out()).decoder(BatchLines::decode)
        .threads(setup.threads()).jobDeadline(setup.deadline()).timeout(setup.timeout())
        .recoveryGrace(setup.recoveryGrace()).listener(new Notes(output, setup.out(), paid, new ConcurrentHashMap<>()));
    if (setup.ceiling() != null) {
      builder.ceiling(setup.ceiling());
    }
    if (setup.batchId() != null) {
      builder.batchId(setup.batchId());
    }
    BatchWorker worker = builder.build();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ltx4j-batch-progress");
      thread.setDaemon(true);
      return thread;
    });
    if (!common.json && !common.noProgress) {
      ticker.scheduleAtFixedRate(() -> progress(store, setup.batchId(), output), PROGRESS_EVERY.toMillis(),
          PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
    BatchWorker.Result result;
    try {
      result = worker.run();
    } finally {
      ticker.shutdownNow();
      paid.close();
    }
    int code = ExitCodes.OK;
    if (result.batches().isEmpty()) {
      output.result("no open batch in the store", Map.of("batches", List.of()));
    }
    for (String batch : result.batches()) {
      BatchStatus status = store.status(batch).orElseThrow();
      int doneBefore = before != null && before.batchId().equals(batch) ? count(before, LineState.DONE) : 0;
      summary(output, status, result, doneBefore);
      code = code != ExitCodes.OK ? code : exitCode(status, result);
    }
    return code;
  }

  /** An unresolved line whose video a person saved as the line's file (with `ltx4j wait ID -o …`) is done. */
  private static void resolveSavedByHand(BatchStore store, BatchStatus status, Path out, Output output) {
    if (count(status, LineState.UNRESOLVED) == 0) {
      return;
    }
    for (int line = 1; line <= status.lines() * 2; line++) {
      Optional<dev.ltx4j.batch.BatchLine> known = store.line(status.batchId(), line);
      Path target = BatchWorker.target(out, line);
      if (known.isPresent() && known.get().state() == LineState.UNRESOLVED && Files.isRegularFile(target)
          && store.resolve(status.batchId(), line, target.toAbsolutePath().toString())) {
        output.note("line " + line + ": " + target + " exists; taken as the line's video");
      }
    }
  }

  private static void progress(BatchStore store, @Nullable String batchId, Output output) {
    try {
      List<String> batches = batchId != null ? List.of(batchId) : store.openBatches();
      for (String batch : batches) {
        store.status(batch).ifPresent(status -> output.note(BatchSummary.describe(status)));
      }
    } catch (RuntimeException e) {
      output.note("batch progress unknown for now: " + e.getMessage());
    }
  }

  /** The lines of {@code status} in {@code state}; the status lists every state. */
  private static int count(BatchStatus status, LineState state) {
    return status.byState().getOrDefault(state, 0);
  }

  private static void summary(Output output, BatchStatus status, BatchWorker.Result result, int doneBefore) {
    List<String> failed = result.lines().stream().filter(r -> r.outcome() == LineOutcome.FAILED)
        .map(r -> "line " + r.line() + ": " + r.message()).toList();
    List<String> notSaved = result.lines().stream().filter(r -> r.outcome() == LineOutcome.NOT_SAVED)
        .map(r -> notSaved(r, result)).toList();
    long unsent = status.stopped() == null ? 0 : count(status, LineState.PENDING);
    long doneNow = result.count(LineOutcome.DONE);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("batch", status.batchId());
    fields.put("lines", status.lines());
    fields.put("done", doneNow);
    fields.put("alreadyDone", doneBefore);
    fields.put("failed", failed);
    fields.put("notSaved", notSaved);
    fields.put("unsent", unsent);
    BatchSummary.putStatesAndSpend(fields, status);
    fields.put("extraJobs", status.extraJobs());
    List<String> problems = new java.util.ArrayList<>(failed);
    problems.addAll(notSaved);
    output.result(status.lines() + " lines: " + doneNow + " done now, " + doneBefore + " done before, " + failed.size()
        + " failed" + (notSaved.isEmpty() ? "" : ", " + notSaved.size() + " not saved")
        + (unsent == 0 ? "" : ", " + unsent + " left unsent")
        + (problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems)), fields);
  }

  private static String notSaved(LineReport report, BatchWorker.Result result) {
    return "line " + report.line() + ": job " + report.jobId() + " finished, but its video could not be saved as "
        + report.file() + ": " + report.message() + ". Download it later with: ltx4j download " + report.jobId()
        + " -o " + report.file();
  }

  private static int exitCode(BatchStatus status, BatchWorker.Result result) {
    if (status.stopped() != null) {
      long unsent = count(status, LineState.PENDING);
      throw new CommandException(ExitCodes.ACCOUNT_REFUSED, "the batch stopped sending: " + status.stopped() + ". "
          + unsent + " of " + status.lines() + " lines were left unsent and not charged; the batch keeps its place: "
          + "add credits (or fix the key, or raise --max-credits) and run the same command again.");
    }
    for (LineReport report : result.lines()) {
      switch (report.outcome()) {
        case FAILED -> {
          return ExitCodes.JOB_FAILED;
        }
        case UNRESOLVED -> {
          return ExitCodes.OUTCOME_UNKNOWN;
        }
        case NOT_SAVED -> {
          return ExitCodes.NOT_SAVED;
        }
        default -> {
          // done, or left to another worker
        }
      }
    }
    if (count(status, LineState.UNRESOLVED) > 0) {
      return ExitCodes.OUTCOME_UNKNOWN;
    }
    int open = status.lines() - status.settled();
    if (open > 0 && status.liveWorkers() == 0) {
      throw new CommandException(ExitCodes.NETWORK, open + " of " + status.lines() + " lines are still open after "
          + "repeated failures (see the notes above); nothing paid for is lost: run the same command again to "
          + "finish them.");
    }
    return ExitCodes.OK;
  }

  /** A note per line as it ends, in the user's terms, with the next step where one is needed. */
  private record Notes(Output output, Path out, PaidInFlight paid, Map<Integer, PaidInFlight.Sending> sending)
      implements BatchWorker.Listener {
    @Override
    public void sending(int line) {
      sending.put(line, paid.sending(String.valueOf(line)));
    }

    @Override
    public void answered(int line) {
      PaidInFlight.Sending answered = sending.remove(line);
      if (answered != null) {
        answered.close();
      }
    }

    @Override
    public void lineEnded(LineReport report) {
      int line = report.line();
      switch (report.outcome()) {
        case DONE -> output.note("line " + line + ": " + report.file() + " (job " + report.jobId() + ")");
        case FAILED -> output.note("line " + line + ": failed: " + report.message());
        case UNRESOLVED -> output.result("line " + line + ": " + report.message() + " Check them with `ltx4j job ID`,"
            + " save the right one with `ltx4j wait ID -o " + BatchWorker.target(out, line) + "`, then run the batch"
            + " again: it takes that file as the line's video.", Map.of("line", line, "unresolved",
            report.message()));
        default -> {
          // left to another worker, or stopped: the summary says so
        }
      }
    }

    @Override
    public void note(int line, String text) {
      output.note("line " + line + ": " + text);
    }
  }
}
