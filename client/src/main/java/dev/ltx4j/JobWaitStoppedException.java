package dev.ltx4j;

import org.jspecify.annotations.Nullable;

/**
 * The wait for a job that exists, and is paid for, stopped before the job finished: the waiting thread was
 * interrupted, the future canceled, the client closed, or polling met an error that waiting longer would not mend.
 * The job goes on at the service: keep {@link #jobId()} and wait again with
 * {@link LtxClient#await(String, WaitOptions)}.
 */
public final class JobWaitStoppedException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public JobWaitStoppedException(String jobId, String why, @Nullable Throwable cause) {
    super("Stopped waiting for job " + jobId + " (" + why + "); the job goes on: wait again with its id", cause);
    this.jobId = jobId;
  }

  /** The job, which may still be running. */
  public String jobId() {
    return jobId;
  }
}
