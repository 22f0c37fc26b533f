package dev.ltx4j;

/** A wait read its job twice and could not decode the answer either time: waiting longer would not help. */
public final class JobUnreadableException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public JobUnreadableException(String jobId, UnexpectedResponseException cause) {
    super("Job " + jobId + " cannot be read: " + cause.getMessage(), cause.bodyPrefix().orElse(null), cause);
    this.jobId = jobId;
  }

  /** The job that was being awaited; it may still be running. */
  public String jobId() {
    return jobId;
  }
}
