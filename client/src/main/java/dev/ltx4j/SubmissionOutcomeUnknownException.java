package dev.ltx4j;

import java.time.Instant;
import java.util.Map;

/**
 * A generation request may have reached the service, but no answer came back (a timeout, a reset connection, a 5xx).
 * It was <em>not</em> retried, because a retry could pay for a second job. Pass this exception to
 * {@link LtxClient#findSubmittedJob(SubmissionOutcomeUnknownException)} to look for the job among recent jobs
 * before deciding to submit again.
 */
public final class SubmissionOutcomeUnknownException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final String modelId;
  private final transient Map<String, Object> request;
  private final Instant submittedAt;

  public SubmissionOutcomeUnknownException(
      String modelId, Map<String, Object> request, Instant submittedAt, Throwable cause) {
    super("The generation request for " + modelId + " sent at " + submittedAt + " may have created a job, but no "
        + "answer came back (" + cause.getMessage() + "). It was not retried; look for the job with "
        + "findSubmittedJob before submitting again.", cause);
    this.modelId = modelId;
    this.request = Map.copyOf(request);
    this.submittedAt = submittedAt;
  }

  /** The model the request was for, e.g. {@code model_ltx-2-3-fast}. */
  public String modelId() {
    return modelId;
  }

  /** The JSON body that was sent, as a map. */
  public Map<String, Object> request() {
    return request;
  }

  /** When the request was sent, by the client's clock. */
  public Instant submittedAt() {
    return submittedAt;
  }
}
