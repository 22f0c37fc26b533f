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
      List<CompletableFuture<?>> lines = java.util.stream.IntStream.range(0, 8)
          .mapToObj(i -> client.submitAsync(LtxRequest.of("Scene " + (i % 2)))
              .thenCompose(submission -> client.awaitAsync(submission.jobId(),
                  WaitOptions.builder().deadline(Duration.ofMinutes(30)).build())))
          .<CompletableFuture<?>>map(future -> future).toList();
      CompletableFuture.allOf(lines.toArray(CompletableFuture[]::new)).join();

      assertThat(sandbox.counters().submissions()).as("one paid job per line").isEqualTo(8);
      assertThat(sandbox.counters().concurrencyRefusals()).as("one refusal taught the ceiling").isEqualTo(1);
      assertThat(sandbox.counters().rateLimitRefusals()).isZero();
      assertThat(sandbox.counters().maxRequestsInWindow()).isLessThanOrEqualTo(27);
      assertThat(sandbox.counters().peakRunningGenerations()).isEqualTo(2);
      assertThat(sandbox.counters().requests(Endpoint.GENERATE)).isEqualTo(9);
    }
  }
}
