package dev.ltx4j.cli;

import dev.ltx4j.ApiException;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Generate one video per line of a JSON Lines file, resumably.", "",
        "Each line is a JSON object of request fields: prompt (required), resolution, duration, aspectRatio, fps, "
            + "cameraMotion, generateAudio, startImage, endImage (asset ids), e.g. {\"prompt\": \"A cat\", "
            + "\"duration\": 8}. Every line is checked before anything is sent (exit 2 names the line). Blank lines "
            + "are skipped and a UTF-8 byte order mark is ignored. Line n's video is <out>/line-<n>.mp4, n counting "
            + "every line of the file.", "",
        "A journal in <out> records every step, synced to disk: run the same command again after any interruption "
            + "(even kill -9) and it resumes. While a batch runs, its folder is locked: a second batch on it stops "
            + "at once (exit 9).", "",
        "Identical lines are separate jobs, and no line is submitted twice: when an answer was lost, the line's job "
            + "is looked up among recent jobs, leaving out those other lines have. If more such jobs match than "
            + "lines wait for one, the line is reported with the candidates (exit 8) and nothing is resubmitted.", "",
        "Lines go as fast as the project allows: every request draws from one budget (90 a minute by default, "
            + "LTX4J_REQUESTS_PER_MINUTE), and submissions keep the team's generation slots full, learning how many "
            + "there are from the service's first refusal (or LTX4J_MAX_CONCURRENT_JOBS) and refilling a slot as "
            + "soon as its job is seen finished.", "",
        "The exit code is that of the first line that failed.", "",
        "With --store, the batch is kept in PostgreSQL instead of the journal: run `ltx4j worker` on other machines "
            + "to share it (one request budget, one set of generation slots, each line owned by one live worker at a "
            + "time; a dead worker's lines pass to the others). `ltx4j batch-status` shows where it stands."},
    footer = {"%nExamples:", "  ltx4j batch prompts.jsonl --out videos",
        "  ltx4j batch prompts.jsonl --out videos --sandbox --json",
        "  LTX4J_STORE_USER=ltx4j LTX4J_STORE_PASSWORD=… ltx4j batch prompts.jsonl --out videos \\",
        "      --store jdbc:postgresql://db.example.com/ltx4j --ceiling 8"})
final class BatchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "FILE", description = "JSON Lines: one request per line.")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where videos and the journal go.")
  Path out;

  @Option(names = "--concurrency", defaultValue = "64", description = "The most lines in flight at once, whatever "
      + "the team's generation slots would allow. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "How long to wait for each job. Default: ${DEFAULT-VALUE}.")
  Duration deadline;

  private static final Duration SLOT_WAIT = Duration.ofDays(7);

  /** Where line {@code line}'s video goes. */
  static Path target(Path out, int line) {
    return out.resolve("line-" + line + ".mp4");
  }

  @Override
  public Integer call() throws Exception {
    if (store.url != null) {
      return StoreBatch.start(common, store, file, out, concurrency, deadline);
    }
    Map<Integer, LtxRequest> requests = new LinkedHashMap<>();
    BatchFile.read(file).forEach(line -> requests.put(line.number(), line.request()));
    OutputPaths.requireWritableFolder(out);
    for (int line : requests.keySet()) {
      if (Files.isDirectory(target(out, line))) {
        throw new CommandException(ExitCodes.USAGE, "cannot save line " + line + "'s video: " + target(out, line)
            + " is a folder; nothing was sent");
      }
    }
    Output output = common.output();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger already = new AtomicInteger();
    Map<Integer, RuntimeException> failures = new TreeMap<>();
    AtomicInteger unsent = new AtomicInteger();
    Optional<ApiException> refusal;
    // A line may wait long for a generation slot while earlier lines run: the batch, not a slot wait, bounds it.
    try (Journal journal = Journal.open(out);
        Backend backend = common.open(builder -> builder.maxSlotWait(SLOT_WAIT));
        PaidInFlight paid = new PaidInFlight(common.err(), sending -> "stopped while " + sending.size()
            + " submission(s) were on their way (lines " + String.join(", ", new TreeSet<>(sending.keySet()))
            + "): jobs may have been created and charged. The journal records them as sent: run the same command"
            + " again and it looks for their jobs before sending anything.")) {
      BatchSubmitter submitter = new BatchSubmitter(backend.client(), journal, requests, out, output, paid);
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
      List<Future<?>> work = requests.keySet().stream().<Future<?>>map(line -> pool.submit(() -> {
        try {
          (run(backend.client(), journal, submitter, line, output) ? done : already).incrementAndGet();
        } catch (BatchSubmitter.LeftUnsent e) {
          unsent.incrementAndGet();
        } catch (RuntimeException e) {
          synchronized (failures) {
            failures.put(line, e);
          }
        }
      })).toList();
      for (Future<?> future : work) {
        future.get();
      }
      pool.shutdown();
      refusal = submitter.refusal();
    }
    List<String> failed = failures.entrySet().stream()
        .map(failure -> "line " + failure.getKey() + ": " + failure.getValue().getMessage()).toList();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("lines", requests.size());
    summary.put("done", done.get());
    summary.put("alreadyDone", already.get());
    summary.put("failed", failed);
    summary.put("unsent", unsent.get());
    output.result(requests.size() + " lines: " + done.get() + " done now, " + already.get() + " done before, "
        + failed.size() + " failed" + (unsent.get() == 0 ? "" : ", " + unsent.get() + " left unsent")
        + (failed.isEmpty() ? "" : "\n  " + String.join("\n  ", failed)), summary);
    if (refusal.isPresent()) {
      throw new CommandException(ExitCodes.ACCOUNT_REFUSED, "the batch stopped sending: " + refusal.get().getMessage()
          + ". " + unsent.get() + " of " + requests.size() + " lines were left unsent and not charged; the journal"
          + " keeps its place: add credits (or fix the key) and run the same command again.", refusal.get());
    }
    return failures.values().stream().findFirst().map(Errors::code).orElse(ExitCodes.OK);
  }

  /** Takes one line to its file; false when the journal says it was done before. */
  private boolean run(LtxClient client, Journal journal, BatchSubmitter submitter, int line, Output output) {
    Path target = target(out, line);
    Journal.Entry entry = journal.entry(line);
    if (entry != null && entry.state().equals("done")) {
      return false;
    }
    if (entry != null && entry.state().equals("failed")) {
      throw new CommandException(ExitCodes.JOB_FAILED, "failed before: " + entry.error());
    }
    if (entry != null && entry.unresolved() && Files.isRegularFile(target)) {
      journal.done(line, target.toString()); // saved by hand after recovery could not tell which job was the line's
      output.note("line " + line + ": " + target + " exists; taken as the line's video");
      return true;
    }
    String jobId = submitter.jobFor(line);
    Finisher finisher = new Finisher(client, new Progress(false, null));
    try {
      JobSnapshot job = finisher.await(jobId, deadline);
      if (!Files.isRegularFile(target)) {
        finisher.download(job, target, false);
      }
    } catch (JobFailedException | JobCanceledException e) {
      journal.failed(line, e.getMessage());
      throw e;
    }
    journal.done(line, target.toString());
    output.note("line " + line + ": " + target + " (job " + jobId + ")");
    return true;
  }
}
