package dev.ltx4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Submission;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.micrometer.LtxMetrics;
import dev.ltx4j.sandbox.Sandbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The sample: a Spring Boot test generates a video on the sandbox through the injected client. */
@SpringBootTest(classes = TestApp.class, properties = "ltx4j.sandbox.time-scale=0.2")
@LtxSandbox
class SandboxGenerationTest {
  @Autowired LtxClient client;
  @Autowired Sandbox sandbox;
  @Autowired SimpleMeterRegistry meters;
  @TempDir Path dir;

  @Test
  void submitsAwaitsAndDownloadsAVideoThroughTheInjectedClient() throws Exception {
    Submission submission = client.submit(LtxRequest.builder().prompt("A lighthouse at dawn").durationSeconds(6).build());
    JobSnapshot job = client.await(submission.jobId(), WaitOptions.defaults());
    List<Path> files = client.assets().downloadAll(job, dir, DownloadOptions.defaults());

    assertThat(client.toString()).contains(sandbox.baseUrl());
    assertThat(files).hasSize(1);
    byte[] head = Files.readAllBytes(files.get(0));
    assertThat(new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp"); // an MP4

    assertThat(meters.get(LtxMetrics.REQUESTS).tags("operation", "generateLtx23Fast", "outcome", "SUCCESS")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get(LtxMetrics.SUBMISSIONS).tags("model", LtxClient.LTX_MODEL_ID, "outcome", "accepted")
        .counter().count()).isEqualTo(1);
    assertThat(meters.get(LtxMetrics.CREATIVE_UNITS).counter().count())
        .isEqualTo(submission.creativeUnitsCost().orElseThrow());
    assertThat(meters.get(LtxMetrics.JOBS_FINISHED).tags("status", "success").counter().count()).isEqualTo(1);
    assertThat(meters.get(LtxMetrics.JOBS_ACTIVE).gauge().value()).isZero();
    assertThat(meters.get(LtxMetrics.GENERATION_TIME).tags("duration", "6").timer().count()).isEqualTo(1);
    assertThat(meters.get(LtxMetrics.BUDGET_WAIT).timer().count()).isGreaterThanOrEqualTo(3);
    assertThat(meters.get(LtxMetrics.DOWNLOADED).counter().count()).isEqualTo(Files.size(files.get(0)));
  }
}
