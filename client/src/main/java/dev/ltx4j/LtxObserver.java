package dev.ltx4j;

import java.time.Duration;

/**
 * Hears what a client does, for metrics and traces: each API request and retry, waits for the request budget,
 * paid submissions, job waits and downloads. Every method does nothing by default; implement those you need and pass
 * the observer to {@link LtxClientBuilder#observer(LtxObserver)}. {@code ltx4j-micrometer} and
 * {@code ltx4j-opentelemetry} are implementations.
 *
 * <p>Called on ltx4j's threads (and the caller's, for downloads): return quickly and never block. What an observer
 * throws is logged and ignored. Nothing given to an observer holds a credential; operation names and reasons are a
 * small fixed set, fit for metric tags, while job and asset ids are not.
 */
public interface LtxObserver {
  /** An observer that hears nothing. */
  LtxObserver NONE = new LtxObserver() {};

  /**
   * One API request (one attempt of a call) ended.
   *
   * @param operation the API operation, e.g. {@code getJob}, {@code listJobs}, {@code generateLtx23Fast}
   * @param status the HTTP status, or 0 when no answer came (a connection or I/O failure)
   * @param duration from sending the request to its answer or failure
   */
  default void requestEnded(String operation, int status, Duration duration) {}

  /**
   * A failed request of {@code operation} will be sent again after {@code delay}.
   *
   * @param reason {@code http_<status>} (e.g. {@code http_503}), {@code connection_failure} or {@code io_failure}
   */
  default void retryScheduled(String operation, String reason, Duration delay) {}

  /**
   * The service refused a request with 429: for the project's request rate, or for the team's concurrency ceiling
   * ({@code concurrencyLimit}: a submission while every generation slot was busy).
   */
  default void rateLimited(String operation, boolean concurrencyLimit) {}

  /** A request waited {@code wait} for its permit from the {@link RequestBudget} (zero when one was free). */
  default void budgetWaited(Duration wait) {}

  /**
   * A paid submission to {@code modelId} is being sent (it holds a generation slot); the returned observer hears
   * how it ends. Called on the thread that sends it when a budget permit is free at once.
   */
  default SubmissionObserver submitting(String modelId) {
    return SubmissionObserver.NONE;
  }

  /** Hears how one paid submission ends. */
  interface SubmissionObserver {
    /** Hears nothing. */
    SubmissionObserver NONE = new SubmissionObserver() {};

    /**
     * The service accepted it and created {@code job}.
     *
     * @param creativeUnits what the service said it costs; {@link Double#NaN} when it did not say
     */
    default void accepted(JobSnapshot job, double creativeUnits) {}

    /** It failed: refused, or its outcome is unknown ({@link SubmissionOutcomeUnknownException}). */
    default void failed(Throwable error) {}
  }

  /** The client started waiting for {@code jobId} (with {@code await} or {@code generate}). */
  default void waitStarted(String jobId) {}

  /** A wait ended with the job succeeded; {@code job} is the reading that showed it. */
  default void waitSucceeded(JobSnapshot job) {}

  /**
   * A wait ended without success: {@link JobFailedException}, {@link JobCanceledException},
   * {@link JobTimeoutException} or another error.
   */
  default void waitFailed(String jobId, Throwable error) {}

  /** A download of {@code assetId} starts, on the caller's thread, which it blocks until it ends. */
  default void downloadStarted(String assetId) {}

  /** The download of {@code assetId} ended after writing {@code bytes}. */
  default void downloadEnded(String assetId, long bytes) {}

  /** The download of {@code assetId} failed. */
  default void downloadFailed(String assetId, Throwable error) {}
}
