package dev.ltx4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Sandbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LtxMetricsTest {
  private final Sandbox sandbox = Sandbox.builder().timeScale(0.2).start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aGenerationMovesTheRequestJobCostAndDownloadMeters() {
    try (LtxClient client = LtxMetrics.bindTo(sandbox.clientBuilder(), registry).build()) {
      JobSnapshot job = client.generate(LtxRequest.builder().prompt("a fox in the snow").build(), WaitOptions.defaults());
      List<Path> files = client.assets().downloadAll(job, dir, DownloadOptions.defaults());

      assertThat(registry.get(LtxMetrics.REQUESTS).tags("operation", "generateLtx23Fast", "outcome", "SUCCESS")
          .timer().count()).isEqualTo(1);
      assertThat(registry.get(LtxMetrics.REQUESTS).tags("operation", "getJob").timers()).isNotEmpty();
      assertThat(registry.get(LtxMetrics.SUBMISSIONS).tags("outcome", "accepted").counter().count()).isEqualTo(1);
      assertThat(registry.get(LtxMetrics.CREATIVE_UNITS).counter().count()).isPositive();
      assertThat(registry.get(LtxMetrics.JOBS_FINISHED).tags("status", "success").counter().count()).isEqualTo(1);
      assertThat(registry.get(LtxMetrics.JOBS_ACTIVE).gauge().value()).isZero();
      assertThat(registry.get(LtxMetrics.GENERATION_TIME).timer().totalTime(TimeUnit.MILLISECONDS)).isPositive();
      assertThat(registry.get(LtxMetrics.DETECTION_LAG).timer().count()).isEqualTo(1);
      assertThat(registry.get(LtxMetrics.BUDGET_WAIT).timer().count()).isGreaterThanOrEqualTo(3);
      assertThat(registry.get(LtxMetrics.DOWNLOADED).counter().count()).isEqualTo(files.get(0).toFile().length());
      assertThat(registry.get(LtxMetrics.DOWNLOADS).tags("outcome", "success").timer().count()).isEqualTo(1);
    }
  }

  @Test
  void tagsNeverHoldAJobIdAPromptOrACredential() {
    try (LtxClient client = LtxMetrics.bindTo(sandbox.clientBuilder(), registry).build()) {
      JobSnapshot job = client.generate(LtxRequest.builder().prompt("a fox in the snow").build(), WaitOptions.defaults());
      String jobId = job.id().orElseThrow();

      assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags()).allSatisfy(tag ->
          assertThat(tag.getValue()).doesNotContain(jobId, "fox", sandbox.apiKey(), sandbox.apiSecret())));
    }
  }
}
