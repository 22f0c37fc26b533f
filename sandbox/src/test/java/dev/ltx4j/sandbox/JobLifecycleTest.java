package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.model.JobStatus;
import dev.ltx4j.model.JobStatusChange;
import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs advance through the documented statuses as (virtual) time passes. */
class JobLifecycleTest {
  static final TestClock CLOCK = new TestClock();

  @RegisterExtension
  static final SandboxExtension SANDBOX = SandboxExtension.with(Sandbox.builder().clock(CLOCK));

  @Test
  void advancesFromPendingToSuccessWithRisingProgress(LtxClient client) throws InterruptedException {
    String jobId = client.submit(LtxRequest.of("A calm lake")).jobId();
    assertThat(client.getJob(jobId).status()).isEqualTo(JobStatus.PENDING);

    CLOCK.advance(Duration.ofMillis(300));
    assertThat(client.getJob(jobId).status()).isEqualTo(JobStatus.QUEUED);
    CLOCK.advance(Duration.ofMillis(500));
    assertThat(client.getJob(jobId).status()).isEqualTo(JobStatus.WARMING_UP);
    CLOCK.advance(Duration.ofMillis(1900));
    JobSnapshot working = client.getJob(jobId);
    assertThat(working.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(working.progress().getAsDouble()).isEqualTo(0.5);
    CLOCK.advance(Duration.ofMillis(1700));
    assertThat(client.getJob(jobId).status()).isEqualTo(JobStatus.FINALIZING);

    CLOCK.advance(Duration.ofSeconds(5));
    JobSnapshot done = awaitRender(client, jobId);
    assertThat(done.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(done.progress().getAsDouble()).isEqualTo(1.0);
    assertThat(done.assetIds()).singleElement().asString().startsWith("asset_");
    assertThat(done.job().statusHistory()).extracting(JobStatusChange::status).containsExactly("pending",
        "queued", "warming-up", "in-progress", "finalizing", "success");
    assertThat(done.job().createdAt()).isNotNull();
  }

  @Test
  void failsHalfwayWithErrorAndHintWhenThePromptAsksForIt(LtxClient client) {
    String jobId = client.submit(LtxRequest.of("A storm [fail]")).jobId();

    CLOCK.advance(Duration.ofSeconds(3));
    JobSnapshot failed = client.getJob(jobId);

    assertThat(failed.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(failed.error()).get().asString().contains("[fail]");
    assertThat(failed.hint()).isPresent();
    assertThat(failed.assetIds()).isEmpty();
    assertThat(failed.job().statusHistory()).last().extracting(JobStatusChange::status).isEqualTo("failure");
  }

  @Test
  void failsEveryJobAtAFailureRateOfOne(Sandbox sandbox, LtxClient client) {
    sandbox.faults().jobFailureRate(1.0);
    String jobId = client.submit(LtxRequest.of("A meadow")).jobId();

    CLOCK.advance(Duration.ofSeconds(10));

    assertThat(client.getJob(jobId).status()).isEqualTo(JobStatus.FAILURE);
  }

  @Test
  void failsAJobWhoseStartImageDoesNotExist(LtxClient client) {
    String jobId = client.submit(LtxRequest.builder().prompt("Move").startImage("asset_nothere").build()).jobId();

    CLOCK.advance(Duration.ofSeconds(10));

    assertThat(client.getJob(jobId).error()).get().asString().contains("asset_nothere");
  }

  private static JobSnapshot awaitRender(LtxClient client, String jobId) throws InterruptedException {
    JobSnapshot job = client.getJob(jobId);
    for (int i = 0; i < 150 && job.status() != JobStatus.SUCCESS; i++) {
      Thread.sleep(200); // the video renders on a real thread, whatever the clock says
      job = client.getJob(jobId);
    }
    return job;
  }
}
