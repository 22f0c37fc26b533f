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
import java.util.Map;

/**
 * A batch where the request budget, not the ceiling, sets the pace: a sandbox with a concurrency ceiling of
 * {@value #CEILING} and {@value #BUDGET} requests a minute, generations of about a minute, in time running
 * {@value #SPEED} times faster than the wall clock for both sides. The ceiling alone would allow 150 videos a minute;
 * at one request per video (the paid submission) the budget allows {@value #BUDGET}: the ideal. ltx4j's batch path
 * (each line submitted, awaited and downloaded, the client drawing on the whole budget) runs twice in the same run:
 * against a sandbox without bulk asset reads (the baseline: one {@code GET /assets/{id}} per video, as before bulk
 * reads) and with them. Prints per run the videos a minute, requests per video and where the requests went, then
 * {@code videos_per_minute=… ideal=… requests_per_video=… rate_429=… duplicates=…} for the bulk run.
 *
 * <p>Run: {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.BudgetBoundBenchmark
 * -Dbench.args="600"} (generations).
 */
public final class BudgetBoundBenchmark {
  /**
   * Five, not ten as the ceiling-5 batch: a request's travel from the client's permit to the service's count is
   * stretched by the speed-up, and at ten a busy machine's scheduling alone fills the budget's margin.
   */
  static final double SPEED = 5;
  static final int CEILING = 150;
  static final int BUDGET = 100;
  /**
   * The client's budget: 5 % under the project's, the margin for a request's travel between the client's permit and
   * the service's count (which the scaled clock multiplies); at the full 100 a few land in the same minute as 100
   * others and are refused.
   */
  static final int CLIENT_BUDGET = 95;
  /** Lines in flight: enough to keep every slot the budget can feed busy while others wait for their permits. */
  static final int LINES_IN_FLIGHT = 300;

  record Figures(int videos, double videosPerMinute, double requestsPerVideo, long rate429, long duplicates) {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    System.out.printf("Budget-bound batch: %d generations of about a minute, ceiling %d, %d requests a minute,"
        + " time x%.0f, load %s%n", lines, CEILING, BUDGET, SPEED, BatchThroughputBenchmark.loadAverage());
    Figures baseline = run("per-asset reads", lines, false);
    Figures bulk = run("bulk asset reads", lines, true);
    System.out.printf("baseline: videos_per_minute=%.1f requests_per_video=%.2f rate_429=%d duplicates=%d%n",
        baseline.videosPerMinute, baseline.requestsPerVideo, baseline.rate429, baseline.duplicates);
    System.out.printf("videos_per_minute=%.1f ideal=%d requests_per_video=%.2f rate_429=%d duplicates=%d%n",
        bulk.videosPerMinute, BUDGET, bulk.requestsPerVideo, bulk.rate429, bulk.duplicates);
  }

  private static Figures run(String name, int lines, boolean bulkReads) throws Exception {
    ScaledTime time = new ScaledTime(SPEED);
    Path cache = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "budget-videos");
    Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "budget-out");
    try (Sandbox sandbox = Sandbox.builder().seed(7).clock(time).checkAnswers(false).videoCache(cache)
        .concurrencyCeiling(CEILING).requestsPerMinute(BUDGET).bulkAssetReads(bulkReads)
        .phase(JobState.PENDING, Duration.ofSeconds(2)).phase(JobState.QUEUED, Duration.ofSeconds(8))
        .phase(JobState.WARMING_UP, Duration.ofSeconds(5)).phase(JobState.IN_PROGRESS, Duration.ofSeconds(40))
        .phase(JobState.FINALIZING, Duration.ofSeconds(5)).start()) {
      List<LtxRequest> requests = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        // Two distinct prompts, so that the sandbox renders each video once and serves the rest from its cache.
        requests.add(LtxRequest.builder().prompt("Scene " + (i % 2)).durationSeconds(6).generateAudio(false).build());
      }
      BatchThroughputBenchmark.warmRenderCache(sandbox, requests.subList(0, Math.min(2, lines)));
      Map<Endpoint, Long> before = Map.copyOf(sandbox.counters().requests());
      long requestsBefore = BatchThroughputBenchmark.apiRequests(sandbox);
      long submissionsBefore = sandbox.counters().submissions();
      long refusalsBefore = sandbox.counters().rateLimitRefusals();
      long ceilingBefore = sandbox.counters().concurrencyRefusals();
      Instant start = time.instant();
      int videos;
      try (LtxClient client = sandbox.clientBuilder().clock(time).sleeper(time).requestsPerMinute(CLIENT_BUDGET)
          .maxConcurrentJobs(CEILING).maxSlotWait(Duration.ofDays(1)).build()) {
        videos = BatchThroughputBenchmark.onPool(LINES_IN_FLIGHT, requests, i -> {
          JobSnapshot job = client.await(client.submit(requests.get(i)).jobId(),
              WaitOptions.builder().deadline(Duration.ofHours(2)).build());
          client.assets().download(job.assetIds().get(0), out.resolve("line-" + i + ".mp4"),
              DownloadOptions.defaults());
          return null;
        });
      }
      double minutes = Duration.between(start, time.instant()).toMillis() / 60_000.0;
      long requestsSent = BatchThroughputBenchmark.apiRequests(sandbox) - requestsBefore;
      Map<Endpoint, Long> byEndpoint = new java.util.TreeMap<>();
      sandbox.counters().requests().forEach((endpoint, count) -> {
        long sent = count - before.getOrDefault(endpoint, 0L);
        if (sent > 0 && endpoint != Endpoint.CDN_DOWNLOAD) {
          byEndpoint.put(endpoint, sent);
        }
      });
      Figures figures = new Figures(videos, videos / minutes, requestsSent / (double) Math.max(1, videos),
          sandbox.counters().rateLimitRefusals() - refusalsBefore,
          Math.max(0, sandbox.counters().submissions() - submissionsBefore - lines));
      System.out.printf("%-18s videos %d/%d in %.1f min (sandbox time): %.1f a minute; requests %d (%.2f per video:"
              + " %s); busiest minute %d; 429s rate %d, concurrency %d%n", name, videos, lines, minutes,
          figures.videosPerMinute, requestsSent, figures.requestsPerVideo, byEndpoint,
          sandbox.counters().maxRequestsInWindow(), figures.rate429,
          sandbox.counters().concurrencyRefusals() - ceilingBefore);
      return figures;
    } finally {
      ChaosSetup.delete(cache);
      ChaosSetup.delete(out);
    }
  }
}
