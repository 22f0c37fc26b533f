package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client against a sandbox that enforces both of a project's limits, in time running 20 times faster. */
class ProjectLimitsTest {
  @TempDir Path cache;

  @Test
  void aBatchLearnsTheCeilingKeepsItFullAndNeverTripsTheRateLimit() {
    ScaledTime time = new ScaledTime(20);
    try (Sandbox sandbox = Sandbox.builder().clock(time).videoCache(cache).concurrencyCeiling(2)
        .requestsPerMinute(30).start();
        LtxClient client = sandbox.clientBuilder().clock(time).sleeper(time).requestsPerMinute(27).build()) {
      // The video is rendered once before: rendering takes real time, minutes in this sped-up time, and a client
      // that sees no job finish for two minutes probes the ceiling with one more submission.
      try (LtxClient warmUp = sandbox.clientBuilder().build()) {
        warmUp.await(warmUp.submit(LtxRequest.of("Scene")).jobId());
      }
      sandbox.reset();
      List<CompletableFuture<?>> lines = java.util.stream.IntStream.range(0, 8)
          .mapToObj(i -> client.submitAsync(LtxRequest.of("Scene"))
              .thenCompose(submission -> client.awaitAsync(submission.jobId(),
                  WaitOptions.builder().deadline(Duration.ofMinutes(30)).build())))
          .<CompletableFuture<?>>map(future -> future).toList();
      CompletableFuture.allOf(lines.toArray(CompletableFuture[]::new)).join();

      assertThat(sandbox.counters().submissions()).as("one paid job per line").isEqualTo(8);
      assertThat(sandbox.counters().concurrencyRefusals()).as("one refusal taught the ceiling").isEqualTo(1);
      assertThat(sandbox.counters().rateLimitRefusals()).isZero();
      // The client's 27 a minute are counted when sent; the sandbox counts arrivals, each late by a request's
      // latency (twenty times longer in this time), so its window may hold one or two more: never its limit's worth.
      assertThat(sandbox.counters().maxRequestsInWindow()).isLessThanOrEqualTo(30);
      assertThat(sandbox.counters().peakRunningGenerations()).isEqualTo(2);
      assertThat(sandbox.counters().requests(Endpoint.GENERATE)).isEqualTo(9);
    }
  }
}
