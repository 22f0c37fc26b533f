package dev.ltx4j;

import dev.ltx4j.model.JobStatus;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a wait sees. For each poll, in this order: {@link #onStatusChange} if the status changed,
 * {@link #onProgress} if the progress changed, then {@link #onPoll}. Called on ltx4j's threads: return quickly.
 */
public interface JobListener {
  /** The job moved from one status to another ({@code from} is null on the first poll). */
  default void onStatusChange(String jobId, @Nullable JobStatus from, JobStatus to) {}

  /** The job's progress changed; {@code fraction} is from 0 to 1. */
  default void onProgress(String jobId, double fraction) {}

  /** A poll answered; called for every poll, after the two above. */
  default void onPoll(JobSnapshot job) {}
}
