package dev.ltx4j.bench;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.WaitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * Many jobs in flight awaited by one client within 90 requests a minute, in virtual time: list sweeps (ltx4j's
 * default once three or more waits run) against one GET per poll (the same poll policy, each job awaited by a client
 * of its own drawing on one budget, so that none sweeps), in the same run. Jobs of 20–120 s are created over the
 * first minute. Prints detection lag (from a job's finish to its wait returning) p50/p95/max and requests per job,
 * then
 * {@code fleet_lag_p95_s=… per_job_lag_p95_s=… fleet_requests_per_job=… per_job_requests_per_job=…}.
 *
 * <p>Run: {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.FleetAwaitBenchmark
 * -Dbench.args="100 1000"} (jobs in flight, one run each).
 */
public final class FleetAwaitBenchmark {
  static final int BUDGET = 90;

  record Result(double p50, double p95, double max, double requestsPerJob, long lists, long gets) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args.length == 0 ? new String[] {"100", "1000"} : args) {
      sizes.add(Integer.parseInt(arg));
    }
    System.out.printf("Fleet await: jobs of 20-120 s created over the first minute, %d requests a minute,"
        + " virtual time; load %s%n", BUDGET, BatchThroughputBenchmark.loadAverage());
    String last = "";
    for (int jobs : sizes) {
      Result fleet = run(jobs, false);
      Result perJob = run(jobs, true);
      print(jobs, "list sweeps", fleet);
      print(jobs, "per-job polling", perJob);
      last = String.format("jobs=%d fleet_lag_p50_s=%.2f fleet_lag_p95_s=%.2f per_job_lag_p95_s=%.2f"
          + " fleet_requests_per_job=%.2f per_job_requests_per_job=%.2f", jobs, fleet.p50(), fleet.p95(),
          perJob.p95(), fleet.requestsPerJob(), perJob.requestsPerJob());
      System.out.println(last);
    }
  }

  private static void print(int jobs, String name, Result r) {
    System.out.printf("%5d jobs, %-16s lag p50 %.2f s, p95 %.2f s, max %.2f s; %.2f requests per job (%d lists,"
        + " %d GETs)%n", jobs, name, r.p50(), r.p95(), r.max(), r.requestsPerJob(), r.lists(), r.gets());
  }

  private static Result run(int count, boolean perJob) throws Exception {
    DiscreteTime time = new DiscreteTime();
    FleetProject project = new FleetProject(time);
    OkHttpClient http = new OkHttpClient();
    Random random = new Random(42);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(project);
      server.start();
      LtxClient client = LtxClient.builder().apiKey("key").apiSecret("secret").baseUrl(server.url("/v1").toString())
          .clock(time).sleeper(time).okHttpClient(http).requestsPerMinute(BUDGET).build();
      // Per-job polling: each job awaited by a client of its own, drawing on the first one's budget, so that no client
      // has a fleet of waits to sweep and each polls its job with GETs.
      List<LtxClient> own = new ArrayList<>();
      Instant start = time.instant();
      List<FleetProject.Job> created = new ArrayList<>();
      List<CompletableFuture<Instant>> waits = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        FleetProject.Job job = new FleetProject.Job("job_" + i, start.plusMillis(random.nextInt(60_000)),
            Duration.ofMillis(20_000 + random.nextInt(100_000)));
        project.add(job);
        created.add(job);
        if (perJob) {
          own.add(LtxClient.builder().apiKey("key").apiSecret("secret").baseUrl(server.url("/v1").toString())
              .clock(time).sleeper(time).okHttpClient(http).requestBudget(client.requestBudget()).build());
        }
      }
      for (int i = 0; i < created.size(); i++) {
        FleetProject.Job job = created.get(i);
        LtxClient waiter = perJob ? own.get(i) : client;
        // Each wait starts when its job is created, as it would after the job's submission.
        waits.add(time.sleep(Duration.between(start, job.createdAt())).thenCompose(ignored ->
            waiter.awaitAsync(job.id(), WaitOptions.builder().noDeadline().build())
                .thenApply((JobSnapshot done) -> time.instant())));
      }
      time.runUntil(() -> waits.stream().allMatch(CompletableFuture::isDone), http);
      double[] lags = new double[count];
      for (int i = 0; i < count; i++) {
        lags[i] = Duration.between(created.get(i).finishesAt(), waits.get(i).join()).toMillis() / 1000.0;
      }
      java.util.Arrays.sort(lags);
      own.forEach(LtxClient::close);
      client.close();
      http.dispatcher().executorService().shutdown();
      return new Result(lags[count / 2], lags[(int) Math.ceil(count * 0.95) - 1], lags[count - 1],
          (project.gets.get() + project.lists.get()) / (double) count, project.lists.get(), project.gets.get());
    }
  }
}
