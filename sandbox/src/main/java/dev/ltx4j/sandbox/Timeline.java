package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sandbox time: the clock, and the configured job phases and waits stretched by the time scale. Fixed at start.
 */
final class Timeline {
  private final Clock clock;
  private final List<Duration> phases;
  private final double timeScale;
  private final boolean workGrowsWithDuration;

  Timeline(Clock clock, List<Duration> phases, double timeScale, boolean workGrowsWithDuration) {
    this.clock = clock;
    this.phases = List.copyOf(phases);
    this.timeScale = timeScale;
    this.workGrowsWithDuration = workGrowsWithDuration;
  }

  Instant now() {
    return clock.instant();
  }

  /** The schedule of a generation of a {@code seconds}-long video: the phases times the time scale. */
  Schedule schedule(int seconds) {
    Schedule schedule = new Schedule(phases.stream().map(this::scaled).toList(), null);
    return workGrowsWithDuration ? schedule.withWork(seconds / 6.0) : schedule;
  }

  Duration scaled(Duration duration) {
    return Duration.ofNanos(Math.round(duration.toNanos() * timeScale));
  }
}
