package dev.ltx4j;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link LtxClient#listJobsPage(JobQuery, String)}.
 *
 * @param jobs the jobs on this page
 * @param nextPageToken the token of the next page as the service sent it; null or blank on the last page
 */
public record JobPage(List<JobSnapshot> jobs, @Nullable String nextPageToken) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }

  /** The token to read the next page with, unless this is the last page (no token, or an empty one). */
  public Optional<String> next() {
    return Optional.ofNullable(nextPageToken).filter(token -> !token.isBlank());
  }
}
