package dev.ltx4j;

import dev.ltx4j.internal.JobStatuses;
import dev.ltx4j.model.Job;
import dev.ltx4j.model.JobMetadata;
import dev.ltx4j.model.JobStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A job as read at one moment, tolerant of the forms the service and its guides use: the id from {@code jobId} or
 * {@code id}; the status in any spelling Scenario's material uses ({@code failed}, {@code error},
 * {@code cancelled}, {@code succeeded}, {@code completed}, {@code processing}), an unknown one read as still
 * running and kept as sent in {@link #rawStatus()}; the assets from {@code metadata.assetIds},
 * {@code metadata.assetId} or {@code assetIds}; progress normalised to 0..1 whether it came as 0..1 or 0..100.
 */
public final class JobSnapshot {
  private final Job job;

  private JobSnapshot(Job job) {
    this.job = job;
  }

  /** Wraps a generated job model; null reads as a job the service sent no field of. */
  public static JobSnapshot of(@Nullable Job job) {
    return new JobSnapshot(job == null ? Job.builder().build() : job);
  }

  /** The job id ({@code jobId}, else {@code id}); empty only for a malformed job. */
  public Optional<String> id() {
    return Optional.ofNullable(job.jobId() != null ? job.jobId() : job.id());
  }

  /** The status; {@link JobStatus#UNKNOWN} for a value this version does not know. */
  public JobStatus status() {
    return JobStatuses.parse(job.status());
  }

  /** The status exactly as the service sent it; empty when it sent none. */
  public Optional<String> rawStatus() {
    return Optional.ofNullable(job.status());
  }

  /** True for {@code success}, {@code failure} and {@code canceled}; an unknown status counts as running. */
  public boolean isTerminal() {
    JobStatus status = status();
    return status == JobStatus.SUCCESS || status == JobStatus.FAILURE || status == JobStatus.CANCELED;
  }

  /** Progress from 0 to 1, when the service reported it. */
  public OptionalDouble progress() {
    Double progress = job.progress();
    if (progress == null || progress.isNaN()) {
      return OptionalDouble.empty();
    }
    double fraction = progress > 1.0 ? progress / 100.0 : progress;
    return OptionalDouble.of(Math.max(0.0, Math.min(1.0, fraction)));
  }

  /**
   * The generated assets' ids, in order: from {@code metadata.assetIds}, else {@code metadata.assetId}, else a
   * top-level {@code assetIds}. Empty while the job has not succeeded.
   *
   * @throws JobWithoutAssetsException when the job succeeded but names no asset anywhere: never an empty result
   *     for a paid video
   */
  public List<String> assetIds() {
    JobMetadata metadata = job.metadata();
    if (metadata != null && metadata.assetIds() != null && !metadata.assetIds().isEmpty()) {
      return metadata.assetIds();
    }
    if (metadata != null && metadata.assetId() != null && !metadata.assetId().isBlank()) {
      return List.of(metadata.assetId());
    }
    if (job.assetIds() != null && !job.assetIds().isEmpty()) {
      return job.assetIds();
    }
    if (status() == JobStatus.SUCCESS) {
      throw new JobWithoutAssetsException(id().orElse("?"));
    }
    return List.of();
  }

  /** Why the job failed ({@code metadata.error}). */
  public Optional<String> error() {
    return Optional.ofNullable(job.metadata()).map(JobMetadata::error);
  }

  /** What to change so that it succeeds ({@code metadata.hint}). */
  public Optional<String> hint() {
    return Optional.ofNullable(job.metadata()).map(JobMetadata::hint);
  }

  /** The generated model with every field the service sent. */
  public Job job() {
    return job;
  }

  @Override
  public String toString() {
    return "JobSnapshot{id=" + id().orElse("?") + ", status=" + rawStatus().orElse("?")
        + (progress().isPresent() ? ", progress=" + progress().getAsDouble() : "") + '}';
  }
}
