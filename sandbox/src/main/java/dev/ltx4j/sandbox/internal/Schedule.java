package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long a simulated job spends in each running status, already multiplied by the time scale, and when (from
 * its creation) it fails, if it is to fail.
 *
 * @param phases durations of pending, queued, warming-up, in-progress and finalizing, in that order
 * @param failAfter time from creation to failure; null when the job is to succeed
 */
public record Schedule(List<Duration> phases, @Nullable Duration failAfter) {
  /** The running statuses in the order a job passes through them. */
  public static final List<JobState> RUNNING = List.of(
      JobState.PENDING, JobState.QUEUED, JobState.WARMING_UP, JobState.IN_PROGRESS, JobState.FINALIZING);

  public Schedule {
    if (phases.size() != RUNNING.size()) {
      throw new IllegalArgumentException("need " + RUNNING.size() + " phase durations, got " + phases.size());
    }
    phases = List.copyOf(phases);
  }

  /** The same schedule with the in-progress phase {@code factor} times as long. */
  public Schedule withWork(double factor) {
    List<Duration> changed = new java.util.ArrayList<>(phases);
    int work = RUNNING.indexOf(JobState.IN_PROGRESS);
    changed.set(work, Duration.ofNanos(Math.round(phases.get(work).toNanos() * factor)));
    return new Schedule(changed, failAfter);
  }

  /** The same schedule ending in failure halfway through {@code in-progress}. */
  public Schedule failing() {
    Duration beforeWork = phases.get(0).plus(phases.get(1)).plus(phases.get(2));
    return new Schedule(phases, beforeWork.plus(phases.get(3).dividedBy(2)));
  }
}
