package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One simulated job. Its status is never stored: it is computed from the time since creation, so a job advances
 * without any thread driving it. A pinned job (seeded for a test) stays in its status.
 */
public final class JobRecord {
  private final JobSpec spec;
  private final Schedule schedule;
  private final Supplier<Instant> outputReadyAt;
  private volatile Instant canceledAt;

  /**
   * @param spec the job's fixed facts
   * @param schedule its timeline; null pins it to {@code spec.pinnedStatus()}
   * @param outputReadyAt when its output became available, null while it is being made
   */
  public JobRecord(JobSpec spec, Schedule schedule, Supplier<Instant> outputReadyAt) {
    this.spec = spec;
    this.schedule = schedule;
    this.outputReadyAt = outputReadyAt;
  }

  public JobSpec spec() {
    return spec;
  }

  public String id() {
    return spec.id();
  }

  /** True when the job may be canceled: generation jobs ({@code custom}) may not. */
  public boolean cancellable() {
    return !"custom".equals(spec.jobType());
  }

  /** Cancels the job unless it has ended. */
  public void cancel(Instant now) {
    if (!view(now).status().isTerminal()) {
      canceledAt = now;
    }
  }

  /** The job as it stands at {@code now}. */
  public JobView view(Instant now) {
    List<JobView.Change> history = new ArrayList<>();
    double progress = schedule == null ? pinnedHistory(history) : timeline(now, history);
    Instant canceled = canceledAt;
    if (canceled != null && !now.isBefore(canceled)) {
      history.add(new JobView.Change(JobState.CANCELED, canceled));
    }
    return new JobView(spec, progress, history);
  }

  private double pinnedHistory(List<JobView.Change> history) {
    if (spec.pinnedStatus() != JobState.PENDING) {
      history.add(new JobView.Change(JobState.PENDING, spec.createdAt()));
    }
    history.add(new JobView.Change(spec.pinnedStatus(), spec.createdAt()));
    return spec.pinnedProgress();
  }

  private double timeline(Instant now, List<JobView.Change> history) {
    Instant failAt = schedule.failAfter() == null ? null : spec.createdAt().plus(schedule.failAfter());
    Instant until = failAt != null && failAt.isBefore(now) ? failAt : now;
    Instant start = spec.createdAt();
    double progress = 0;
    for (int i = 0; i < Schedule.RUNNING.size(); i++) {
      if (i > 0 && start.isAfter(until)) {
        break;
      }
      history.add(new JobView.Change(Schedule.RUNNING.get(i), start));
      Duration length = schedule.phases().get(i);
      if (Schedule.RUNNING.get(i) == JobState.IN_PROGRESS) {
        progress = fraction(Duration.between(start, until), length);
      }
      start = start.plus(length);
    }
    if (failAt != null && !now.isBefore(failAt)) {
      history.add(new JobView.Change(JobState.FAILURE, failAt));
      return progress;
    }
    Instant ready = outputReadyAt.get();
    if (ready != null) {
      Instant successAt = ready.isAfter(start) ? ready : start;
      if (!now.isBefore(successAt)) {
        history.add(new JobView.Change(JobState.SUCCESS, successAt));
      }
    }
    return progress;
  }

  private static double fraction(Duration elapsed, Duration length) {
    if (length.isZero()) {
      return elapsed.isNegative() ? 0 : 1;
    }
    double value = (double) elapsed.toNanos() / length.toNanos();
    return Math.round(Math.max(0, Math.min(1, value)) * 1000) / 1000.0;
  }
}
