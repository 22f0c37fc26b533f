package dev.ltx4j.cli;

import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    description = {"Generate one video per line of a JSON Lines file, resumably.",
        "Each line holds the request's fields, e.g. {\"prompt\": \"A cat\", \"duration\": 8, \"fps\": 24}.",
        "Line n's video is saved as <out>/line-<n>.mp4. A journal in <out> records every step, synced to disk:",
        "run the same command again after any interruption (even kill -9) and it resumes; a line is never",
        "submitted twice — a submission whose answer was lost is looked up among recent jobs first."},
    footer = {"%nExamples:", "  ltx4j batch prompts.jsonl --out videos --concurrency 4",
        "  ltx4j batch prompts.jsonl --out videos --sandbox --json"})
final class BatchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "FILE", description = "JSON Lines: one request per line.")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where videos and the journal go.")
  Path out;

  @Option(names = "--concurrency", defaultValue = "4", description = "Lines in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "How long to wait for each job. Default: ${DEFAULT-VALUE}.")
  Duration deadline;

  /** Where line {@code line}'s video goes. */
  static Path target(Path out, int line) {
    return out.resolve("line-" + line + ".mp4");
  }

  @Override
  public Integer call() throws Exception {
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
    try (Backend backend = common.open(); Journal journal = Journal.open(out)) {
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
      List<Future<?>> work = new ArrayList<>();
      for (Map.Entry<Integer, LtxRequest> entry : requests.entrySet()) {
        int line = entry.getKey();
        LtxRequest request = entry.getValue();
        work.add(pool.submit(() -> {
          try {
            (run(backend.client(), journal, line, request, output) ? done : already).incrementAndGet();
          } catch (RuntimeException e) {
            synchronized (failures) {
              failures.put(line, e);
            }
          }
        }));
      }
      for (Future<?> future : work) {
        future.get();
      }
      pool.shutdown();
    }
    List<String> failed = failures.entrySet().stream()
        .map(failure -> "line " + failure.getKey() + ": " + failure.getValue().getMessage()).toList();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("lines", requests.size());
    summary.put("done", done.get());
    summary.put("alreadyDone", already.get());
    summary.put("failed", failed);
    output.result(requests.size() + " lines: " + done.get() + " done now, " + already.get() + " done before, "
        + failed.size() + " failed" + (failed.isEmpty() ? "" : "\n  " + String.join("\n  ", failed)), summary);
    return failures.values().stream().findFirst().map(Errors::code).orElse(ExitCodes.OK);
  }

  /** Takes one line to its file; false when the journal says it was done before. */
  private boolean run(LtxClient client, Journal journal, int line, LtxRequest request, Output output) {
    Path target = target(out, line);
    Journal.Entry entry = journal.entry(line);
    if (entry != null && entry.state().equals("done")) {
      return false;
    }
    if (entry != null && entry.state().equals("failed")) {
      throw new CommandException(ExitCodes.JOB_FAILED, "failed before: " + entry.error());
    }
    String jobId = entry == null ? null : entry.jobId();
    if (jobId == null && entry != null && entry.state().equals("submitting")) {
      jobId = client.findSubmittedJob(request, entry.sentAt()).flatMap(j -> j.id()).orElse(null);
      if (jobId != null) {
        output.note("line " + line + ": found job " + jobId + " from an interrupted run");
        journal.submitted(line, jobId);
      }
    }
    if (jobId == null) {
      jobId = submit(client, journal, line, request, output);
    }
    Finisher finisher = new Finisher(client, new Progress(false, null));
    try {
      var job = finisher.await(jobId, deadline);
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

  private String submit(LtxClient client, Journal journal, int line, LtxRequest request, Output output) {
    Instant at = Instant.now();
    journal.submitting(line, at);
    try {
      String jobId = client.submit(request).jobId();
      journal.submitted(line, jobId);
      return jobId;
    } catch (SubmissionOutcomeUnknownException unknown) {
      String found = client.findSubmittedJob(unknown).flatMap(j -> j.id()).orElse(null);
      if (found == null) {
        throw new CommandException(ExitCodes.OUTCOME_UNKNOWN, "the submission's outcome is unknown and no matching "
            + "job was found yet; run the batch again to look again", unknown);
      }
      output.note("line " + line + ": recovered job " + found + " after a lost answer");
      journal.submitted(line, found);
      return found;
    }
  }
}
