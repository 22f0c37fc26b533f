package dev.ltx4j.internal.poll;

import dev.ltx4j.JobPage;
import dev.ltx4j.JobSnapshot;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The requests a wait needs, so that waiting can be tested and reasoned about apart from the client. */
public interface JobSource {
  /** Reads the job once (with the call's own retries), never past {@code until} when it is not null. */
  CompletableFuture<JobSnapshot> get(String jobId, @Nullable Instant until);

  /** Asks the service to cancel the job, for a wait that cancels at its deadline. */
  CompletableFuture<JobSnapshot> cancel(String jobId);

  /** Reads one page of the project's jobs, newest first, to see many awaited jobs with one request. */
  CompletableFuture<JobPage> sweepPage(int pageSize, @Nullable String pageToken, @Nullable Instant until);
}
