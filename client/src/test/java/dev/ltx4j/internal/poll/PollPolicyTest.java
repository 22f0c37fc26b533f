package dev.ltx4j.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollPolicyTest {
  private static final Instant T0 = Instant.parse("2026-07-29T10:00:00Z");
  private final PollPolicy noJitter = new PollPolicy(() -> 0.5);

  @Test
  void startsWithAShortFirstDelay() {
    assertThat(noJitter.next(new PollState(T0), T0)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void growsByHalfWhileNothingChangesUpToTheCap() {
    PollState state = new PollState(T0);
    Instant now = T0;
    Duration previous = Duration.ZERO;
    for (int poll = 0; poll < 12; poll++) {
      state.record(now, "queued", Double.NaN);
      Duration next = noJitter.next(state, now);
      assertThat(next).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(PollPolicy.CAP);
      previous = next;
      now = now.plus(next);
    }
    assertThat(previous).isEqualTo(PollPolicy.CAP);
  }

  @Test
  void closesInOnTheCompletionEstimatedFromTheProgressRate() {
    PollState state = new PollState(T0);
    state.record(T0.plusSeconds(10), "in-progress", 0.1);
    state.record(T0.plusSeconds(20), "in-progress", 0.2);

    assertThat(state.estimatedCompletion()).isEqualTo(T0.plusSeconds(100));
    assertThat(noJitter.next(state, T0.plusSeconds(20))).as("capped far from the end").isEqualTo(PollPolicy.CAP);
    assertThat(noJitter.next(state, T0.plusSeconds(90))).isEqualTo(Duration.ofMillis(6500));
    assertThat(noJitter.next(state, T0.plusSeconds(99))).isEqualTo(Duration.ofMillis(650));
    assertThat(noJitter.next(state, T0.plusMillis(99_900))).as("never below the floor").isEqualTo(PollPolicy.FLOOR);
  }

  @Test
  void backsOffSlowlyOnceOverdue() {
    PollState state = new PollState(T0);
    state.record(T0.plusSeconds(10), "in-progress", 0.5);
    state.record(T0.plusSeconds(20), "in-progress", 1.0);

    assertThat(noJitter.next(state, T0.plusMillis(20_500))).isEqualTo(PollPolicy.FLOOR);
    assertThat(noJitter.next(state, T0.plusSeconds(28))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void ignoresSmallStepsBackAsNoiseButRestartsOnABigDrop() {
    PollState state = new PollState(T0);
    state.record(T0.plusSeconds(10), "in-progress", 0.1);
    state.record(T0.plusSeconds(20), "in-progress", 0.2);
    state.record(T0.plusSeconds(21), "in-progress", 0.15);
    assertThat(state.estimatedCompletion()).isEqualTo(T0.plusSeconds(100));

    state.record(T0.plusSeconds(30), "in-progress", 0.3);
    state.record(T0.plusSeconds(31), "in-progress", 0.05);
    assertThat(state.estimatedCompletion()).as("a new baseline after the job started over").isAfter(T0.plusSeconds(300));
  }

  @Test
  void jitterStaysWithinTenPercent() {
    PollState state = new PollState(T0);
    state.record(T0, "queued", Double.NaN);
    assertThat(new PollPolicy(() -> 0.0).next(state, T0)).isEqualTo(Duration.ofMillis(1350));
    assertThat(new PollPolicy(() -> 1.0).next(state, T0)).isEqualTo(Duration.ofMillis(1650));
  }
}
