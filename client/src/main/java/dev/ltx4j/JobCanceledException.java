package dev.ltx4j;

/** The job ended {@code canceled}. */
public final class JobCanceledException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public JobCanceledException(String jobId) {
    super("Job " + jobId + " was canceled");
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
