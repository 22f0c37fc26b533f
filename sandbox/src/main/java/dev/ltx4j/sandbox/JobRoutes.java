package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Dialect;
import dev.ltx4j.sandbox.internal.JobRecord;
import dev.ltx4j.sandbox.internal.JobStore;
import dev.ltx4j.sandbox.internal.JobView;
import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import java.time.Clock;
import java.util.Optional;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/** {@code GET /v1/jobs/{id}}, {@code GET /v1/jobs} and {@code POST /v1/jobs/{id}/action}. */
final class JobRoutes {
  static final String NOT_CANCELLABLE = "Cannot cancel this type of job. Action not permitted.";
  private final JobStore jobs;
  private final Dialect dialect;
  private final Clock clock;
  private final int defaultPageSize;

  JobRoutes(JobStore jobs, Dialect dialect, Clock clock, int defaultPageSize) {
    this.jobs = jobs;
    this.dialect = dialect;
    this.clock = clock;
    this.defaultPageSize = defaultPageSize;
  }

  MockResponse get(String jobId) {
    Optional<JobRecord> job = jobs.find(jobId);
    return job.isEmpty() ? notFound() : answer(job.get().view(clock.instant()));
  }

  MockResponse list(HttpUrl url) {
    String size = url.queryParameter("pageSize");
    int pageSize = size == null ? defaultPageSize : Integer.parseInt(size);
    JobStore.Page page;
    try {
      page = jobs.page(clock.instant(), pageSize, url.queryParameter("paginationToken"),
          url.queryParameter("status"), url.queryParameter("type"));
    } catch (IllegalArgumentException e) {
      return Responses.reason(400, e.getMessage());
    }
    return Responses.json(200, Json.object("jobs", page.jobs().stream().map(job -> job.toJson(dialect))
        .toList(), "nextPaginationToken", page.nextToken()));
  }

  /** The spec allows only {@code cancel}; generation jobs refuse it as Scenario does. */
  MockResponse act(String jobId) {
    Optional<JobRecord> job = jobs.find(jobId);
    if (job.isEmpty()) {
      return notFound();
    }
    if (!job.get().cancellable()) {
      return Responses.reason(400, NOT_CANCELLABLE);
    }
    job.get().cancel(clock.instant());
    return answer(job.get().view(clock.instant()));
  }

  private MockResponse answer(JobView job) {
    return Responses.json(200, Json.object("job", job.toJson(dialect)));
  }

  private static MockResponse notFound() {
    return Responses.reason(404, "Job not found");
  }
}
