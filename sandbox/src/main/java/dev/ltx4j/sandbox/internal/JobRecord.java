package dev.ltx4j.sandbox.internal;

import dev.ltx4j.model.Job;
import dev.ltx4j.model.JobBilling;
import dev.ltx4j.model.JobMetadata;
import dev.ltx4j.model.JobStatus;
import dev.ltx4j.model.JobStatusChange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    if (!isTerminal(view(now).status())) {
      canceledAt = now;
    }
  }

  /** The job as the API shows it at {@code now}. */
  public Job view(Instant now) {
    List<JobStatusChange> history = new ArrayList<>();
    double progress = schedule == null ? pinnedHistory(history) : timeline(now, history);
    Instant canceled = canceledAt;
    if (canceled != null && !now.isBefore(canceled)) {
      history.add(change(JobStatus.CANCELED, canceled));
    }
    JobStatusChange last = history.get(history.size() - 1);
    JobStatus status = last.status();
    JobMetadata.Builder metadata = JobMetadata.builder().input(spec.input());
    if (status == JobStatus.SUCCESS) {
      metadata.assetIds(spec.assetIds());
    } else if (status == JobStatus.FAILURE) {
      metadata.error(spec.error()).hint(spec.hint());
    }
    return Job.builder()
        .jobId(spec.id())
        .jobType(spec.jobType())
        .status(status.value())
        .progress(progress)
        .createdAt(spec.createdAt().atOffset(ZoneOffset.UTC))
        .updatedAt(last.date())
        .statusHistory(history)
        .metadata(metadata.build())
        .billing(JobBilling.builder().cuCost(spec.cuCost()).cuDiscount(0.0).disableRefund(false).build())
        .ownerId("team_sandbox")
        .authorId("user_sandbox")
        .build();
  }

  public static boolean isTerminal(JobStatus status) {
    return status == JobStatus.SUCCESS || status == JobStatus.FAILURE || status == JobStatus.CANCELED;
  }

  /** Whether a status as written in a job is a final one. */
  public static boolean isTerminal(String status) {
    return JobStatus.SUCCESS.value().equals(status) || JobStatus.FAILURE.value().equals(status)
        || JobStatus.CANCELED.value().equals(status);
  }

  private double pinnedHistory(List<JobStatusChange> history) {
    if (spec.pinnedStatus() != JobStatus.PENDING) {
      history.add(change(JobStatus.PENDING, spec.createdAt()));
    }
    history.add(change(spec.pinnedStatus(), spec.createdAt()));
    return spec.pinnedProgress();
  }

  private double timeline(Instant now, List<JobStatusChange> history) {
    Instant failAt = schedule.failAfter() == null ? null : spec.createdAt().plus(schedule.failAfter());
    Instant until = failAt != null && failAt.isBefore(now) ? failAt : now;
    Instant start = spec.createdAt();
    double progress = 0;
    for (int i = 0; i < Schedule.RUNNING.size(); i++) {
      if (i > 0 && start.isAfter(until)) {
        break;
      }
      history.add(change(Schedule.RUNNING.get(i), start));
      Duration length = schedule.phases().get(i);
      if (Schedule.RUNNING.get(i) == JobStatus.IN_PROGRESS) {
        progress = fraction(Duration.between(start, until), length);
      }
      start = start.plus(length);
    }
    if (failAt != null && !now.isBefore(failAt)) {
      history.add(change(JobStatus.FAILURE, failAt));
      return progress;
    }
    Instant ready = outputReadyAt.get();
    if (ready != null) {
      Instant successAt = ready.isAfter(start) ? ready : start;
      if (!now.isBefore(successAt)) {
        history.add(change(JobStatus.SUCCESS, successAt));
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

  private static JobStatusChange change(JobStatus status, Instant at) {
    return JobStatusChange.builder().status(status).date(at.atOffset(ZoneOffset.UTC)).build();
  }

  /** The fixed facts of a job. */
  public record JobSpec(String id, String jobType, Instant createdAt, Map<String, Object> input, double cuCost,
      List<String> assetIds, String error, String hint, JobStatus pinnedStatus, double pinnedProgress) {}
}
