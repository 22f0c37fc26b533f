package dev.ltx4j;

import java.util.Optional;

/** The job ended in {@code failure}: {@link #error()} says why and {@link #hint()} what to change. */
public final class JobFailedException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final transient JobSnapshot job;

  public JobFailedException(JobSnapshot job) {
    super("Job " + job.id().orElse("?") + " failed" + job.error().map(error -> ": " + error).orElse("")
        + job.hint().map(hint -> " (hint: " + hint + ")").orElse(""));
    this.job = job;
  }

  public String jobId() {
    return job.id().orElse("");
  }

  public Optional<String> error() {
    return job.error();
  }

  public Optional<String> hint() {
    return job.hint();
  }

  /** The job as last read. */
  public JobSnapshot job() {
    return job;
  }
}
