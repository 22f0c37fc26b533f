package dev.ltx4j;

import dev.ltx4j.model.JobStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The wait's deadline passed before the job finished. The job may still be running and is paid for: keep
 * {@link #jobId()} and wait again later with {@link LtxClient#await(String, WaitOptions)}.
 */
public final class JobTimeoutException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final String jobId;
  private final @Nullable JobStatus lastStatus;
  private final @Nullable Double lastProgress;
  private final Duration elapsed;
  private final @Nullable String cancelOutcome;

  public JobTimeoutException(
      String jobId, @Nullable JobStatus lastStatus, @Nullable Double lastProgress, Duration elapsed,
      @Nullable String cancelOutcome) {
    super("Gave up waiting for job " + jobId + " after " + elapsed.toSeconds() + " s; last status "
        + (lastStatus == null ? "unknown" : lastStatus.value())
        + (lastProgress == null ? "" : String.format(", progress %.0f%%", lastProgress * 100))
        + (cancelOutcome == null ? "" : "; cancel: " + cancelOutcome)
        + ". The job may still finish: wait again with its id.");
    this.jobId = jobId;
    this.lastStatus = lastStatus;
    this.lastProgress = lastProgress;
    this.elapsed = elapsed;
    this.cancelOutcome = cancelOutcome;
  }

  public String jobId() {
    return jobId;
  }

  /** The status of the last successful poll, if any poll answered. */
  public Optional<JobStatus> lastStatus() {
    return Optional.ofNullable(lastStatus);
  }

  /** The last progress seen, 0 to 1. */
  public OptionalDouble lastProgress() {
    return lastProgress == null ? OptionalDouble.empty() : OptionalDouble.of(lastProgress);
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** What the cancel asked for by {@link WaitOptions.Builder#cancelOnDeadline(boolean)} came to. */
  public Optional<String> cancelOutcome() {
    return Optional.ofNullable(cancelOutcome);
  }
}
