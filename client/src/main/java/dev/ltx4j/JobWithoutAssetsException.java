package dev.ltx4j;

/**
 * A job ended in success but names no asset, in none of the places the service puts them: a paid generation whose
 * video cannot be found. Raised wherever its videos are asked for, so that it is never mistaken for a job with
 * nothing to download.
 */
public final class JobWithoutAssetsException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public JobWithoutAssetsException(String jobId) {
    super("Job " + jobId + " succeeded but names no asset (none in metadata.assetIds, metadata.assetId or assetIds);"
        + " look at it with `ltx4j job " + jobId + "` or in Scenario's app");
    this.jobId = jobId;
  }

  /** The job that succeeded without assets. */
  public String jobId() {
    return jobId;
  }
}
