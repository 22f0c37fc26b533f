package dev.ltx4j;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * Scale benchmark: one client awaits many jobs at once against a local server, in virtual time, within the default
 * poll budget. Prints threads, heap, and polls per minute against the budget. Run: {@code mvn -q -pl client
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.ltx4j.AwaitScaleBenchmark
 * [-Dexec.args="JOBS PER_MINUTE"]}.
 */
public final class AwaitScaleBenchmark {
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int perMinute = args.length > 1 ? Integer.parseInt(args[1]) : 90;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int threadsBefore = threads.getThreadCount();
    long heapBefore = usedHeap();
    VirtualScheduler time = new VirtualScheduler();
    SplittableRandom random = new SplittableRandom(1);
    double[] seconds = new double[jobs];
    for (int i = 0; i < jobs; i++) {
      seconds[i] = 20 + random.nextDouble() * 100;
    }
    FakeJobServer jobServer = new FakeJobServer(time,
        (id, age) -> FakeJobServer.videoJob(id, age, seconds[Integer.parseInt(id.substring(4))]));
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(jobServer);
      server.start();
      OkHttpClient http = new OkHttpClient();
      LtxClient client = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(server.url("/v1").toString())
          .clock(time).sleeper(time).okHttpClient(http).requestsPerMinute(perMinute).build();
      long started = System.nanoTime();
      List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>(jobs);
      for (int i = 0; i < jobs; i++) {
        waits.add(client.awaitAsync("job_" + i, WaitOptions.builder().noDeadline().build()));
      }
      int[] peakThreads = {threads.getThreadCount()};
      long[] peakHeap = {usedHeap()};
      time.runUntil(() -> {
        peakThreads[0] = Math.max(peakThreads[0], threads.getThreadCount());
        return waits.stream().allMatch(CompletableFuture::isDone);
      }, http, Duration.ofMinutes(20));
      peakHeap[0] = Math.max(peakHeap[0], usedHeap());
      long finished = waits.stream().filter(w -> !w.isCompletedExceptionally()).count();
      List<Instant> times = jobServer.requestTimes.stream().sorted().toList();
      int maxPerMinute = 0;
      for (int i = 0, j = 0; i < times.size(); i++) {
        while (j < times.size() && times.get(j).isBefore(times.get(i).plusSeconds(60))) {
          j++;
        }
        maxPerMinute = Math.max(maxPerMinute, j - i);
      }
      Duration virtual = Duration.between(times.get(0), times.get(times.size() - 1));
      System.out.printf("Await scale: %d jobs (20-120 s each), poll budget %d/min, virtual time%n", jobs, perMinute);
      System.out.printf("finished %d/%d in %d virtual min (%.1f s real); GETs %d (%.2f per job)%n", finished, jobs,
          virtual.toMinutes(), (System.nanoTime() - started) / 1e9, times.size(), times.size() / (double) jobs);
      System.out.printf("polls in the busiest minute: %d (budget %d); mean %.1f/min%n", maxPerMinute, perMinute,
          times.size() / Math.max(1.0, virtual.toSeconds() / 60.0));
      System.out.printf("threads: %d before, peak %d while awaiting (OkHttp dispatcher, timer, test harness)%n",
          threadsBefore, peakThreads[0]);
      System.out.printf("heap used: %.1f MB before, %.1f MB with all jobs awaited (after GC)%n",
          heapBefore / 1e6, peakHeap[0] / 1e6);
      client.close();
    }
  }

  private static long usedHeap() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
