package dev.ltx4j.bench;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs generations against a faulty sandbox the way a careful application would: submit (finding the job after an
 * unknown outcome, submitting again only when none was created), wait, download to a file. Checking the results is
 * {@link ChaosReport}'s job.
 */
public final class ChaosRun {
  /** Attempts of one step (a submission, a recovery, a download) before the generation is counted as failed. */
  private static final int STEP_ATTEMPTS = 8;

  private final Sandbox sandbox;
  private final LtxClient client;
  private final Path outputDir;
  private final AtomicInteger unknownOutcomes = new AtomicInteger();
  private final AtomicInteger recovered = new AtomicInteger();
  private final AtomicInteger resubmittedAfterNothingFound = new AtomicInteger();
  private final AtomicInteger resubmittedAfter429 = new AtomicInteger();
  private final AtomicInteger stepRetries = new AtomicInteger();
  private final Map<String, Integer> stepRetryCauses = new ConcurrentSkipListMap<>();
  private double resetAfterAccept = ChaosFaults.RESET_AFTER_ACCEPT;

  public ChaosRun(Sandbox sandbox, LtxClient client, Path outputDir) {
    this.sandbox = sandbox;
    this.client = client;
    this.outputDir = outputDir;
  }

  /**
   * The share of generations created and then answered with a reset, instead of the mix's; a short run raises it
   * so that finding a lost job surely happens.
   */
  public ChaosRun resetAfterAccept(double rate) {
    this.resetAfterAccept = rate;
    return this;
  }

  /** Runs {@code jobs} generations on {@code concurrency} threads with the chaos faults on; returns the tallies. */
  public ChaosReport.Tally run(int jobs, int concurrency, String runId) throws InterruptedException {
    AtomicInteger rotation = new AtomicInteger();
    ChaosFaults.apply(sandbox.faults(), 0);
    sandbox.faults().resetAfterAccept(resetAfterAccept);
    ScheduledExecutorService rotator = Executors.newSingleThreadScheduledExecutor();
    rotator.scheduleAtFixedRate(() -> ChaosFaults.rotateRateLimitHint(sandbox.faults(), rotation.incrementAndGet()),
        250, 250, TimeUnit.MILLISECONDS);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      LtxRequest request = LtxRequest.of("chaos " + runId + " generation " + i);
      futures.add(pool.submit(() -> generate(request)));
    }
    List<String> failures = new ArrayList<>();
    for (Future<?> future : futures) {
      try {
        future.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        failures.add(String.valueOf(e.getCause() == null ? e : e.getCause()));
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    pool.shutdownNow();
    rotator.shutdownNow();
    sandbox.faults().clear();
    return new ChaosReport.Tally(jobs, concurrency, elapsed, failures, unknownOutcomes.get(), recovered.get(),
        resubmittedAfterNothingFound.get(), resubmittedAfter429.get(), stepRetries.get(), Map.copyOf(stepRetryCauses));
  }

  private Void generate(LtxRequest request) {
    String jobId = submitOnce(request);
    JobSnapshot done = client.await(jobId, WaitOptions.builder().deadline(Duration.ofMinutes(5)).build());
    for (String assetId : done.assetIds()) {
      Path target = outputDir.resolve(jobId + "-" + assetId + ".mp4");
      retrying(() -> client.assets().download(assetId, target, DownloadOptions.defaults()));
    }
    return null;
  }

  /** Submits; after an unknown outcome looks for the job, and submits again only if none was created. */
  private String submitOnce(LtxRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.submit(request).jobId();
      } catch (SubmissionOutcomeUnknownException e) {
        unknownOutcomes.incrementAndGet();
        Optional<JobSnapshot> found = retrying(() -> client.findSubmittedJob(e));
        if (found.isPresent()) {
          recovered.incrementAndGet();
          return found.get().id().orElseThrow();
        }
        resubmittedAfterNothingFound.incrementAndGet();
        if (attempt >= STEP_ATTEMPTS) {
          throw e;
        }
      } catch (RateLimitException e) {
        // 429 means refused: nothing was created, so submitting again cannot pay twice.
        resubmittedAfter429.incrementAndGet();
        if (attempt >= STEP_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static String cause(Ltx4jException e) {
    String message = String.valueOf(e.getMessage());
    int cut = message.indexOf(';');
    return e.getClass().getSimpleName() + ": " + (cut < 0 ? message : message.substring(0, cut));
  }

  /** Repeats a read the client already gave up on (after its own retries): safe, as reads create nothing. */
  private <T> T retrying(Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (Ltx4jException e) {
        if (attempt >= STEP_ATTEMPTS || e instanceof SubmissionOutcomeUnknownException) {
          throw e;
        }
        stepRetries.incrementAndGet();
        stepRetryCauses.merge(cause(e), 1, Integer::sum);
      }
    }
  }
}
