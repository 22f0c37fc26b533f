package dev.ltx4j.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobPage;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Sleeper;
import dev.ltx4j.model.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FleetSweeperTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The delays the sweeper's timers asked for, each completed at once (the clock stands still). */
  private final List<Duration> timers = new ArrayList<>();
  private final Sleeper sleeper = delay -> {
    timers.add(delay);
    return timers.size() <= 2 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
  };
  private int sweeps;
  private final JobSource jobs = new JobSource() {
    @Override
    public CompletableFuture<JobSnapshot> get(String jobId, Instant until) {
      throw new AssertionError("members are read by sweeps only");
    }

    @Override
    public CompletableFuture<JobSnapshot> cancel(String jobId) {
      throw new AssertionError("not canceled");
    }

    @Override
    public CompletableFuture<JobPage> sweepPage(int pageSize, String pageToken, Instant until) {
      sweeps++;
      Job running = Job.builder().jobId("job_1").status("in-progress")
          .createdAt(OffsetDateTime.ofInstant(T0.minusSeconds(1), ZoneOffset.UTC)).build();
      return CompletableFuture.completedFuture(new JobPage(List.of(JobSnapshot.of(running)), null));
    }
  };

  /** A member that wants a reading now, every time. */
  private static FleetSweeper.Member member(Duration typical) {
    return new FleetSweeper.Member() {
      @Override
      public String jobId() {
        return "job_1";
      }

      @Override
      public OffsetDateTime createdAt() {
        return null;
      }

      @Override
      public Instant wantedAt() {
        return T0;
      }

      @Override
      public Duration typicalLength() {
        return typical;
      }

      @Override
      public void observe(JobSnapshot job) {}

      @Override
      public void leaveFleet(boolean readNow) {
        throw new AssertionError("the list shows the member's job");
      }

      @Override
      public boolean done() {
        return false;
      }
    };
  }

  private List<Duration> sweepTwiceWith(Duration typical) {
    timers.clear();
    sweeps = 0;
    FleetSweeper fleet = new FleetSweeper(Clock.fixed(T0, ZoneOffset.UTC), sleeper, jobs);
    fleet.join(member(typical));
    assertThat(sweeps).isEqualTo(2);
    return timers;
  }

  @Test
  void sweepsForJobsOfUnknownLengthStartASecondApart() {
    assertThat(sweepTwiceWith(null)).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void sweepsForLongJobsStillStartASecondApart() {
    assertThat(sweepTwiceWith(Duration.ofMinutes(2)))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void sweepsForJobsOfAFewSecondsStartCloserTogetherButNotBelowThePollFloor() {
    assertThat(sweepTwiceWith(Duration.ofSeconds(10)))
        .containsExactly(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(500));
    assertThat(sweepTwiceWith(Duration.ofSeconds(3)))
        .containsExactly(Duration.ZERO, PollPolicy.FLOOR, PollPolicy.FLOOR);
  }
}
