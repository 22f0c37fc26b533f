package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.model.JobStatus;
import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code workGrowsWithDuration}, a longer video's generation works longer. */
class WorkByDurationTest {
  static final TestClock CLOCK = new TestClock();

  @RegisterExtension
  static final SandboxExtension SANDBOX = SandboxExtension.with(Sandbox.builder().clock(CLOCK)
      .workGrowsWithDuration(true));

  @Test
  void aTenSecondVideoWorksTenSixthsAsLongAsASixSecondOne(LtxClient client) {
    String six = client.submit(LtxRequest.builder().prompt("A lake").durationSeconds(6).build()).jobId();
    String ten = client.submit(LtxRequest.builder().prompt("A lake").durationSeconds(10).build()).jobId();

    // Phases before the work: 0.2 + 0.5 + 0.5 s; the work: 3 s for 6 s of video, 5 s for 10 s.
    CLOCK.advance(Duration.ofMillis(1200 + 1500));
    assertThat(client.getJob(six).progress().getAsDouble()).isEqualTo(0.5);
    assertThat(client.getJob(ten).progress().getAsDouble()).isEqualTo(0.3);
    CLOCK.advance(Duration.ofMillis(1600));
    assertThat(client.getJob(six).status()).isEqualTo(JobStatus.FINALIZING);
    assertThat(client.getJob(ten).status()).isEqualTo(JobStatus.IN_PROGRESS);
  }
}
