package dev.ltx4j;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link LtxClient#listJobsPage(JobQuery, String)}.
 *
 * @param jobs the jobs on this page
 * @param nextPageToken the token of the next page; null on the last page
 */
public record JobPage(List<JobSnapshot> jobs, String nextPageToken) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }

  /** The token to read the next page with, unless this is the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextPageToken);
  }
}
