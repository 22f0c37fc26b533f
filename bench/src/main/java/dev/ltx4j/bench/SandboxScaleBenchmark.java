package dev.ltx4j.bench;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Scale against the sandbox: one client submits and awaits many generations at once (no thread per job), all polls
 * drawn from one budget. Prints threads, heap, polls per minute against the budget, and whether every job finished.
 * Run: {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.SandboxScaleBenchmark
 * -Dbench.args="10000 60000"} (jobs, poll budget per minute).
 */
public final class SandboxScaleBenchmark {
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int budget = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Path cache = Files.createTempDirectory("ltx4j-scale-videos");
    // Answers unchecked against the spec: the check costs ~0.5 ms of CPU per answer, the sandbox's, not the client's.
    try (Sandbox sandbox = Sandbox.builder().seed(11).timeScale(1.0).videoCache(cache).checkAnswers(false).start();
        LtxClient client = sandbox.clientBuilder().requestsPerMinute(budget).build()) {
      int threadsBefore = threads.getThreadCount();
      long heapBefore = usedHeap();
      long started = System.nanoTime();
      Semaphore submitting = new Semaphore(64); // submissions in flight; the waits themselves are not limited
      List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>(jobs);
      for (int i = 0; i < jobs; i++) {
        submitting.acquire();
        LtxRequest request = LtxRequest.builder().prompt("Scene " + i).generateAudio(false).build();
        waits.add(client.submitAsync(request)
            .whenComplete((submission, error) -> submitting.release())
            .thenCompose(submission -> client.awaitAsync(submission.jobId(),
                WaitOptions.builder().deadline(Duration.ofMinutes(20)).build())));
      }
      int peakThreads = threads.getThreadCount();
      long peakHeap = used();
      while (!waits.stream().allMatch(CompletableFuture::isDone)) {
        peakThreads = Math.max(peakThreads, threads.getThreadCount());
        peakHeap = Math.max(peakHeap, used());
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long succeeded = waits.stream().filter(w -> !w.isCompletedExceptionally()).count();
      long polls = sandbox.counters().requests(Endpoint.GET_JOB);
      System.out.printf("Sandbox scale: %d generations from one client, poll budget %d/min%n", jobs, budget);
      System.out.printf("succeeded %d/%d in %.1f s; submissions %d (max per body %d)%n", succeeded, jobs, seconds,
          sandbox.counters().submissions(), sandbox.counters().maxSubmissionsOfOneBody());
      System.out.printf("polls %d (%.2f per job), %.0f per minute on average against a budget of %d%n", polls,
          polls / (double) jobs, polls / (seconds / 60), budget);
      System.out.printf("threads: %d before, peak %d while awaiting (the sandbox's own included)%n", threadsBefore,
          peakThreads);
      System.out.printf("heap used: %.1f MB before, peak %.1f MB while awaiting (garbage included)%n",
          heapBefore / 1e6, peakHeap / 1e6);
    } finally {
      ChaosSetup.delete(cache);
    }
  }

  private static long usedHeap() {
    System.gc();
    return used();
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
