package dev.ltx4j.internal.ops;

import dev.ltx4j.JobPage;
import dev.ltx4j.JobSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Walks the newest pages of jobs for those a submission may have created. It stops at the matcher's time window,
 * at the last page, after {@link #PAGES} pages, and at an empty or repeated page, so a lost submission costs a few
 * reads at most.
 */
final class SubmissionRecovery {
  static final int PAGES = 5;

  private final Function<@Nullable String, CompletableFuture<JobPage>> pages;

  /** {@code pages} reads a page of all jobs, with each job's input, for a token (null for the first). */
  SubmissionRecovery(Function<@Nullable String, CompletableFuture<JobPage>> pages) {
    this.pages = pages;
  }

  /** Every job {@code matcher} accepts, best match first. */
  CompletableFuture<List<JobSnapshot>> find(SubmissionMatcher matcher) {
    return collect(matcher, null, PAGES, List.of());
  }

  private CompletableFuture<List<JobSnapshot>> collect(
      SubmissionMatcher matcher, @Nullable String token, int pagesLeft, List<JobSnapshot> matched) {
    return pages.apply(token).thenCompose(page -> {
      List<JobSnapshot> all = Stream.concat(matched.stream(), matcher.all(page.jobs()).stream()).toList();
      if (matcher.pastWindow(page.jobs()) || page.next().isEmpty() || pagesLeft <= 1 || page.jobs().isEmpty()
          || page.next().get().equals(token)) {
        return CompletableFuture.completedFuture(matcher.all(all));
      }
      return collect(matcher, page.next().get(), pagesLeft - 1, all);
    });
  }
}
