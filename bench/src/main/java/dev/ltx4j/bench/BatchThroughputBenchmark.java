package dev.ltx4j.bench;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.JobState;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A batch at the project's limits: generations of mixed durations (6, 8 and 10 s videos, whose work grows with
 * their length) against a sandbox with a concurrency ceiling of 5 and 100 requests a minute, in time running
 * {@value #SPEED} times faster than the wall clock for both sides. ltx4j's batch path (as {@code ltx4j batch} runs
 * it: up to 64 lines in flight, each submitted, awaited and downloaded by the client, which learns the ceiling,
 * keeps its slots full and meters every request) against the official SDKs' loop measured in the same run: five
 * workers that each submit, poll their job every 3 s and download.
 *
 * <p>Run: {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.BatchThroughputBenchmark
 * -Dbench.args="300"} (generations).
 */
public final class BatchThroughputBenchmark {
  static final double SPEED = 10;
  static final int CEILING = 5;
  static final int SANDBOX_BUDGET = 100;

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    System.out.printf("Batch throughput: %d generations, ceiling %d, %d requests a minute, time x%.0f, load %s%n",
        lines, CEILING, SANDBOX_BUDGET, SPEED, loadAverage());
    Figures baseline = run("fixed 5, poll every 3 s", lines, BatchThroughputBenchmark::fixedLoop);
    Figures ltx4j = run("ltx4j batch path", lines, BatchThroughputBenchmark::ltx4jBatch);
    System.out.printf("utilisation: ltx4j %.3f vs baseline %.3f (x%.2f); wall %.0f s vs %.0f s of sandbox time%n",
        ltx4j.utilisation, baseline.utilisation, ltx4j.utilisation / baseline.utilisation, ltx4j.seconds,
        baseline.seconds);
    System.out.printf("utilisation=%.3f requests_per_video=%.2f max_requests_per_minute=%d budget=%d rate_429=%d"
            + " duplicates=%d%n", ltx4j.utilisation, ltx4j.requestsPerVideo, ltx4j.maxPerMinute, SANDBOX_BUDGET,
        ltx4j.rate429, ltx4j.duplicates);
  }

  record Figures(double utilisation, double requestsPerVideo, long maxPerMinute, long rate429, long duplicates,
      double seconds) {}

  private interface Batch {
    int run(Sandbox sandbox, ScaledTime time, List<LtxRequest> requests, Path out) throws Exception;
  }

  private static Figures run(String name, int lines, Batch batch) throws Exception {
    ScaledTime time = new ScaledTime(SPEED);
    Path cache = Files.createTempDirectory("ltx4j-batch-videos");
    Path out = Files.createTempDirectory("ltx4j-batch-out");
    try (Sandbox sandbox = Sandbox.builder().seed(5).clock(time).checkAnswers(false).videoCache(cache)
        .concurrencyCeiling(CEILING).requestsPerMinute(SANDBOX_BUDGET).workGrowsWithDuration(true)
        .phase(JobState.PENDING, Duration.ofSeconds(1)).phase(JobState.QUEUED, Duration.ofSeconds(4))
        .phase(JobState.WARMING_UP, Duration.ofSeconds(3)).phase(JobState.IN_PROGRESS, Duration.ofSeconds(30))
        .phase(JobState.FINALIZING, Duration.ofSeconds(4)).start()) {
      List<LtxRequest> requests = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        // A few distinct prompts, so that the sandbox renders each video once and serves the rest from its cache.
        requests.add(LtxRequest.builder().prompt("Scene " + (i % 3)).durationSeconds(6 + 2 * (i % 3))
            .generateAudio(false).build());
      }
      warmRenderCache(sandbox, requests.subList(0, Math.min(3, lines)));
      Instant start = time.instant();
      double requestsBefore = apiRequests(sandbox);
      long submissionsBefore = sandbox.counters().submissions();
      double jobSecondsBefore = sandbox.counters().generationJobSeconds();
      int videos = batch.run(sandbox, time, requests, out);
      double seconds = Duration.between(start, time.instant()).toMillis() / 1000.0;
      double utilisation = (sandbox.counters().generationJobSeconds() - jobSecondsBefore) / (CEILING * seconds);
      long requestsSent = Math.round(apiRequests(sandbox) - requestsBefore);
      long duplicates = sandbox.counters().submissions() - submissionsBefore - lines;
      Figures figures = new Figures(utilisation, requestsSent / (double) videos,
          sandbox.counters().maxRequestsInWindow(), sandbox.counters().rateLimitRefusals(),
          Math.max(0, duplicates), seconds);
      System.out.printf("%-24s videos %d/%d in %.0f s (sandbox time); utilisation %.3f; requests %d (%.2f per video:"
              + " %s); busiest minute %d; 429s rate %d, concurrency %d; submissions %d%n", name, videos, lines,
          seconds, utilisation, requestsSent, figures.requestsPerVideo, sandbox.counters().requests(),
          figures.maxPerMinute, figures.rate429, sandbox.counters().concurrencyRefusals(),
          sandbox.counters().submissions());
      return figures;
    } finally {
      ChaosSetup.delete(cache);
      ChaosSetup.delete(out);
    }
  }

  /**
   * Renders each distinct video once before the clock starts: the sandbox renders on this machine's CPU, which in
   * sped-up time would pass for minutes of generation and swamp what is measured.
   */
  static void warmRenderCache(Sandbox sandbox, List<LtxRequest> kinds) {
    try (LtxClient client = sandbox.clientBuilder().build()) {
      kinds.stream().map(client::submit).toList()
          .forEach(submission -> client.await(submission.jobId()));
    }
  }

  static long apiRequests(Sandbox sandbox) {
    return sandbox.counters().requests().entrySet().stream()
        .filter(e -> e.getKey() != Endpoint.CDN_DOWNLOAD && e.getKey() != Endpoint.CDN_UPLOAD_PART
            && e.getKey() != Endpoint.OTHER)
        .mapToLong(e -> e.getValue()).sum();
  }

  /** ltx4j: what {@code ltx4j batch} does for each line, on a pool of 64, the client keeping the limits. */
  private static int ltx4jBatch(Sandbox sandbox, ScaledTime time, List<LtxRequest> requests, Path out)
      throws Exception {
    try (LtxClient client = sandbox.clientBuilder().clock(time).sleeper(time).maxSlotWait(Duration.ofDays(1))
        .build()) {
      return onPool(64, requests, i -> {
        JobSnapshot job = client.await(client.submit(requests.get(i)).jobId(),
            WaitOptions.builder().deadline(Duration.ofHours(2)).build());
        client.assets().download(job.assetIds().get(0), out.resolve("line-" + i + ".mp4"), DownloadOptions.defaults());
        return null;
      });
    }
  }

  /** The official SDKs' loop: a fixed five workers, each job polled every 3 s, retries on 429 as the SDKs do. */
  private static int fixedLoop(Sandbox sandbox, ScaledTime time, List<LtxRequest> requests, Path out)
      throws Exception {
    try (LtxClient client = sandbox.clientBuilder().clock(time).sleeper(time).requestsPerMinute(1_000_000)
        .maxConcurrentJobs(1_000).maxRetries(10).build()) {
      return onPool(CEILING, requests, i -> {
        String jobId = client.submit(requests.get(i)).jobId();
        JobSnapshot job = client.getJob(jobId);
        while (!job.isTerminal()) {
          time.pause(Duration.ofSeconds(3));
          job = client.getJob(jobId);
        }
        client.assets().download(job.assetIds().get(0), out.resolve("line-" + i + ".mp4"), DownloadOptions.defaults());
        return null;
      });
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  interface Line {
    Void run(int index) throws Exception;
  }

  static int onPool(int threads, List<LtxRequest> requests, Line line) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Void>> work = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      int index = i;
      work.add(pool.submit(() -> line.run(index)));
    }
    int done = 0;
    for (Future<Void> future : work) {
      try {
        future.get();
        done++;
      } catch (java.util.concurrent.ExecutionException e) {
        System.out.println("a line failed: " + e.getCause());
      }
    }
    pool.shutdown();
    return done;
  }
}
