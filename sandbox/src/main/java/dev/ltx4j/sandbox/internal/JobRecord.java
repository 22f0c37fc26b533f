package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One simulated job. Its status is never stored: it is computed from the time since creation, so a job advances
 * without any thread driving it. A pinned job (seeded for a test) stays in its status.
 */
public final class JobRecord {
  /** How a job's statuses unfold: along a schedule, or pinned. Fills {@code history}, returns the progress. */
  private interface Course {
    double unfold(JobSpec spec, Instant now, List<JobView.Change> history);
  }

  private final JobSpec spec;
  private final Course course;
  private volatile @Nullable Instant canceledAt;

  private JobRecord(JobSpec spec, Course course) {
    this.spec = spec;
    this.course = course;
  }

  /**
   * A job that advances along {@code schedule} and succeeds once its output is ready too.
   *
   * @param outputReadyAt when its output became available, null while it is being made
   */
  public static JobRecord scheduled(JobSpec spec, Schedule schedule, Supplier<@Nullable Instant> outputReadyAt) {
    return new JobRecord(spec, (facts, now, history) -> timeline(facts, schedule, outputReadyAt, now, history));
  }

  /** A job (seeded for a test) that stays in {@code status}, showing {@code progress}. */
  public static JobRecord pinned(JobSpec spec, JobState status, double progress) {
    return new JobRecord(spec, (facts, now, history) -> {
      if (status != JobState.PENDING) {
        history.add(new JobView.Change(JobState.PENDING, facts.createdAt()));
      }
      history.add(new JobView.Change(status, facts.createdAt()));
      return progress;
    });
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
    double progress = course.unfold(spec, now, history);
    Instant canceled = canceledAt;
    if (canceled != null && !now.isBefore(canceled)) {
      history.add(new JobView.Change(JobState.CANCELED, canceled));
    }
    return new JobView(spec, progress, history);
  }

  private static double timeline(JobSpec spec, Schedule schedule, Supplier<@Nullable Instant> outputReadyAt,
      Instant now, List<JobView.Change> history) {
    Duration failAfter = schedule.failAfter();
    Instant failAt = failAfter == null ? null : spec.createdAt().plus(failAfter);
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
