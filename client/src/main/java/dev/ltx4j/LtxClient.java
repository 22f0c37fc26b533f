package dev.ltx4j;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ltx4j.internal.Ids;
import dev.ltx4j.internal.SubmissionMatcher;
import dev.ltx4j.internal.call.CallRunner;
import dev.ltx4j.internal.call.CallSpec;
import dev.ltx4j.internal.call.ErrorTranslator;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.internal.http.HttpStack;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.internal.poll.PollPolicy;
import dev.ltx4j.internal.poll.RateBudget;
import dev.ltx4j.internal.transfer.Downloader;
import dev.ltx4j.internal.transfer.Uploader;
import dev.ltx4j.model.GenerateResponse;
import dev.ltx4j.model.JobActionRequest;
import dev.ltx4j.model.JobList;
import dev.ltx4j.model.JobResponse;
import dev.ltx4j.model.LtxGenerateRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * The ltx4j client for Scenario's API: submit LTX 2.3 Fast generations, quote them, and read, list and cancel jobs.
 * Build one with {@link #builder()} or {@link #fromEnv()} and share it: it is thread-safe. Every operation has a
 * blocking form and an {@code …Async} form that blocks no thread while waiting. Failures are
 * {@link Ltx4jException}s; see the README for the status → exception table.
 */
public final class LtxClient implements AutoCloseable {
  /** Scenario's production API. */
  public static final String DEFAULT_BASE_URL = "https://api.cloud.scenario.com/v1";
  /** The LTX 2.3 Fast model id. */
  public static final String LTX_MODEL_ID = "model_ltx-2-3-fast";

  private static final Logger LOG = LoggerFactory.getLogger(LtxClient.class);
  private static final JsonAdapter<GenerateResponse> GENERATE_RESPONSE = Json.moshi().adapter(GenerateResponse.class);
  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final int RECOVERY_PAGES = 5;

  private final LtxClientBuilder.Settings settings;
  private final HttpStack stack;
  private final CallRunner runner;
  private final JobWaiter waiter;
  private final Assets assets;

  LtxClient(LtxClientBuilder.Settings settings, HttpStack stack, CallRunner runner, Sleeper sleeper) {
    this.settings = settings;
    this.stack = stack;
    this.runner = runner;
    this.waiter = new JobWaiter(runner.clock(), sleeper, new RateBudget(settings.pollsPerMinute()),
        new PollPolicy(() -> ThreadLocalRandom.current().nextDouble()), this::pollJob, this::cancelAsync);
    this.assets = new Assets(
        assetId -> read(() -> stack.assets().getAsset(assetId, projectId())),
        new Uploader(stack, runner, sleeper, this::deadline, projectId()),
        new Downloader(stack.http(), sleeper,
            new RetryPolicy(RetryPolicy.DOWNLOAD_RETRIES, () -> ThreadLocalRandom.current().nextDouble())));
  }

  /** Reading assets, uploading images and downloading videos. */
  public Assets assets() {
    return assets;
  }

  /** Returns a builder; credentials, base URL and project can also come from the environment. */
  public static LtxClientBuilder builder() {
    return new LtxClientBuilder();
  }

  /** A client configured from the environment; see {@link LtxClientBuilder#fromEnv()}. */
  public static LtxClient fromEnv() {
    return builder().fromEnv().build();
  }

  /**
   * Starts a paid generation and returns its job. Never retried once the request may have reached the service.
   *
   * @throws SubmissionOutcomeUnknownException when it may have created a job but no answer came; see
   *     {@link #findSubmittedJob(SubmissionOutcomeUnknownException)}
   */
  public Submission submit(LtxRequest request) {
    return join(submitAsync(request));
  }

  /** {@link #submit(LtxRequest)} without blocking. */
  public CompletableFuture<Submission> submitAsync(LtxRequest request) {
    return submitted(LTX_MODEL_ID, asMap(request), () -> stack.generate().generateLtx23Fast(request.toModel(), null, projectId()));
  }

  /** Starts a paid generation with any Scenario model, given its flat JSON parameters. */
  public Submission runModel(String modelId, Map<String, Object> parameters) {
    return join(runModelAsync(modelId, parameters));
  }

  /** {@link #runModel(String, Map)} without blocking. */
  public CompletableFuture<Submission> runModelAsync(String modelId, Map<String, Object> parameters) {
    Ids.checkModel(modelId);
    if (parameters.containsKey("dryRun")) {
      // The service ignores unknown body fields: a dryRun there would start a paid job, not quote one.
      throw new InvalidRequestException("dryRun", "dryRun is not a body parameter: the service would ignore it and"
          + " run a paid job; use quote(…) for a dry run");
    }
    Map<String, Object> body = Map.copyOf(parameters);
    return submitted(modelId, body, () -> stack.generate().generateCustomModel(modelId, body, null, projectId()));
  }

  /** Quotes a generation's cost with {@code ?dryRun=true}; creates no job and costs nothing. */
  public Quote quote(LtxRequest request) {
    return join(quoteAsync(request));
  }

  /** {@link #quote(LtxRequest)} without blocking. */
  public CompletableFuture<Quote> quoteAsync(LtxRequest request) {
    Supplier<Call<GenerateResponse>> call =
        () -> stack.generate().generateLtx23Fast(request.toModel(), true, projectId());
    return runner.run(CallSpec.read(call, deadline()).accepting(402)).thenApply(this::toQuote);
  }

  /** Reads a job. */
  public JobSnapshot getJob(String jobId) {
    return join(getJobAsync(jobId));
  }

  /** {@link #getJob(String)} without blocking. */
  public CompletableFuture<JobSnapshot> getJobAsync(String jobId) {
    Ids.check("jobId", jobId);
    return read(() -> stack.jobs().getJob(jobId, projectId())).thenApply(body -> job(body, "GET /jobs/" + jobId));
  }

  /** Reads one page of jobs, newest first; {@code pageToken} is null for the first page. */
  public JobPage listJobsPage(JobQuery query, String pageToken) {
    return join(listJobsPageAsync(query, pageToken));
  }

  /** {@link #listJobsPage(JobQuery, String)} without blocking. */
  public CompletableFuture<JobPage> listJobsPageAsync(JobQuery query, String pageToken) {
    return listPage(query, pageToken, null);
  }

  private CompletableFuture<JobPage> listPage(JobQuery query, String pageToken, Boolean hideResults) {
    return read(() -> stack.jobs().listJobs(query.pageSize(), pageToken, query.status(), query.type(), hideResults,
        projectId())).thenApply(LtxClient::toPage);
  }

  /**
   * Every job matching {@code query}, newest first, read a page at a time as the stream is consumed. The listing
   * ends at a page without a next token, at an empty page, and at a token it was already given: a server that
   * repeats itself cannot make it run for ever.
   */
  public Stream<JobSnapshot> listJobs(JobQuery query) {
    Iterator<JobSnapshot> jobs = new Iterator<>() {
      private final Set<String> tokensSeen = new HashSet<>();
      private JobPage page = listJobsPage(query, null);
      private int index;

      @Override
      public boolean hasNext() {
        while (index == page.jobs().size() && !page.jobs().isEmpty() && page.next().isPresent()
            && tokensSeen.add(page.next().get())) {
          page = listJobsPage(query, page.next().get());
          index = 0;
        }
        return index < page.jobs().size();
      }

      @Override
      public JobSnapshot next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.jobs().get(index++);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(jobs, Spliterator.ORDERED), false);
  }

  /**
   * Cancels a job.
   *
   * @throws JobNotCancellableException for job types that cannot be canceled, generation jobs among them
   */
  public JobSnapshot cancel(String jobId) {
    return join(cancelAsync(jobId));
  }

  /** {@link #cancel(String)} without blocking. */
  public CompletableFuture<JobSnapshot> cancelAsync(String jobId) {
    Ids.check("jobId", jobId);
    JobActionRequest cancel = JobActionRequest.builder().action(JobActionRequest.ActionEnum.CANCEL).build();
    return runner.run(CallSpec.idempotentWrite(() -> stack.jobs().actOnJob(jobId, cancel, projectId()), deadline()))
        .thenApply(Response::body).thenApply(body -> job(body, "POST /jobs/" + jobId + "/action"));
  }

  /**
   * Waits until the job finishes and returns it. Needs only the id: a job submitted elsewhere, or before a
   * restart, can be awaited the same way. Polls adaptively, sooner as the job nears completion, within the
   * client's shared poll budget; transient errors while polling never end the wait.
   *
   * @throws JobFailedException when the job ends in failure (with the service's error and hint)
   * @throws JobCanceledException when it ends canceled
   * @throws JobTimeoutException when the deadline passes first; the job id is in it
   */
  public JobSnapshot await(String jobId, WaitOptions options) {
    return join(awaitAsync(jobId, options));
  }

  /** {@link #await(String, WaitOptions)} with the default options (a 30-minute deadline). */
  public JobSnapshot await(String jobId) {
    return await(jobId, WaitOptions.defaults());
  }

  /** {@link #await(String, WaitOptions)} without blocking: no thread is held while the job runs. */
  public CompletableFuture<JobSnapshot> awaitAsync(String jobId, WaitOptions options) {
    Ids.check("jobId", jobId);
    return waiter.await(jobId, options, null);
  }

  /**
   * Submits a generation and waits for it: {@link #submit(LtxRequest)} then {@link #await(String, WaitOptions)}.
   * If the wait fails or times out, the exception carries the job id.
   */
  public JobSnapshot generate(LtxRequest request, WaitOptions options) {
    return join(generateAsync(request, options));
  }

  /** {@link #generate(LtxRequest, WaitOptions)} without blocking. */
  public CompletableFuture<JobSnapshot> generateAsync(LtxRequest request, WaitOptions options) {
    return submitAsync(request).thenCompose(submission -> waiter.await(submission.jobId(), options, submission.job()));
  }

  /**
   * Looks among recent jobs for the one a submission with an unknown outcome created: the same input parameters,
   * created around the time it was sent. Empty means no such job was found in the last pages of jobs.
   */
  public Optional<JobSnapshot> findSubmittedJob(SubmissionOutcomeUnknownException unknown) {
    return join(findSubmittedJobAsync(unknown));
  }

  /** {@link #findSubmittedJob(SubmissionOutcomeUnknownException)} without blocking. */
  public CompletableFuture<Optional<JobSnapshot>> findSubmittedJobAsync(SubmissionOutcomeUnknownException unknown) {
    SubmissionMatcher matcher = new SubmissionMatcher(unknown.modelId(), unknown.request(), unknown.submittedAt());
    return collectIn(matcher, null, RECOVERY_PAGES, List.of()).thenApply(all -> all.stream().findFirst());
  }

  /**
   * Looks among recent jobs for one started with {@code request} around {@code sentAt}: for a process that died
   * between sending a generation and recording its job id (a batch journal, say).
   */
  public Optional<JobSnapshot> findSubmittedJob(LtxRequest request, Instant sentAt) {
    SubmissionMatcher matcher = new SubmissionMatcher(LTX_MODEL_ID, asMap(request), sentAt);
    return join(collectIn(matcher, null, RECOVERY_PAGES, List.of())).stream().findFirst();
  }

  /**
   * Every recent job that {@code request}, sent around {@code sentAt}, may have created, closest to {@code sentAt}
   * first: for a caller that sent the same request more than once (a batch with identical lines, say) and must not
   * take one job for two of them. Reads up to five pages of jobs.
   */
  public List<JobSnapshot> findSubmittedJobs(LtxRequest request, Instant sentAt) {
    return join(findSubmittedJobsAsync(request, sentAt));
  }

  /** {@link #findSubmittedJobs(LtxRequest, Instant)} without blocking. */
  public CompletableFuture<List<JobSnapshot>> findSubmittedJobsAsync(LtxRequest request, Instant sentAt) {
    SubmissionMatcher matcher = new SubmissionMatcher(LTX_MODEL_ID, asMap(request), sentAt);
    return collectIn(matcher, null, RECOVERY_PAGES, List.of());
  }

  /** Releases connections and threads, unless they belong to an {@code OkHttpClient} the caller supplied. */
  @Override
  public void close() {
    stack.close();
  }

  @Override
  public String toString() {
    return "LtxClient{baseUrl=" + settings.baseUrl() + ", projectId=" + settings.projectId() + ", credentials=redacted}";
  }

  private CompletableFuture<List<JobSnapshot>> collectIn(
      SubmissionMatcher matcher, String token, int pagesLeft, List<JobSnapshot> matched) {
    // hideResults=false: the match needs each job's metadata.input, which a list may otherwise leave out.
    return listPage(JobQuery.ALL, token, false).thenCompose(page -> {
      List<JobSnapshot> all = Stream.concat(matched.stream(), matcher.all(page.jobs()).stream()).toList();
      if (matcher.pastWindow(page.jobs()) || page.next().isEmpty() || pagesLeft <= 1 || page.jobs().isEmpty()
          || page.next().get().equals(token)) {
        return CompletableFuture.completedFuture(matcher.all(all));
      }
      return collectIn(matcher, page.next().get(), pagesLeft - 1, all);
    });
  }

  private CompletableFuture<Submission> submitted(
      String modelId, Map<String, Object> body, Supplier<Call<GenerateResponse>> call) {
    Instant submittedAt = runner.clock().instant();
    CallSpec<GenerateResponse> spec = CallSpec.paidSubmission(call,
        cause -> new SubmissionOutcomeUnknownException(modelId, body, submittedAt, cause), deadline());
    return runner.run(spec).thenApply(response -> {
      GenerateResponse answer = response.body();
      JobSnapshot job = JobSnapshot.of(answer == null ? null : answer.job());
      if (job.id().isEmpty()) {
        throw new SubmissionOutcomeUnknownException(modelId, body, submittedAt,
            new Ltx4jException("the service accepted the request (HTTP " + response.code() + ") but named no job id"));
      }
      return new Submission(job, answer.creativeUnitsCost(), answer.creativeUnitsDiscount(), submittedAt);
    });
  }

  private CompletableFuture<JobSnapshot> pollJob(String jobId, Instant waitDeadline) {
    Instant deadline = deadline();
    Instant until = waitDeadline != null && waitDeadline.isBefore(deadline) ? waitDeadline : deadline;
    return runner.run(CallSpec.read(() -> stack.jobs().getJob(jobId, projectId()), until))
        .thenApply(response -> job(response.body(), "GET /jobs/" + jobId));
  }

  /** The job an answer holds; a success without one is an answer ltx4j cannot use, never an empty job. */
  private static JobSnapshot job(JobResponse body, String operation) {
    if (body == null || body.job() == null) {
      throw new UnexpectedResponseException(operation + " answered without a job");
    }
    return JobSnapshot.of(body.job());
  }

  private <T> CompletableFuture<T> read(Supplier<Call<T>> call) {
    return runner.run(CallSpec.read(call, deadline())).thenApply(Response::body);
  }

  private Quote toQuote(Response<GenerateResponse> response) {
    GenerateResponse answer = response.body();
    String operation = "POST " + response.raw().request().url().encodedPath();
    if (answer == null) {
      String text = CallRunner.errorText(response.errorBody());
      try {
        answer = text.isEmpty() ? null : GENERATE_RESPONSE.lenient().fromJson(text);
      } catch (IOException | RuntimeException notAQuote) {
        answer = null;
      }
      if (answer == null || answer.creativeUnitsCost() == null) {
        throw ErrorTranslator.translate(operation, response.code(), response.headers(), text, runner.clock().instant());
      }
    }
    if (answer.creativeUnitsCost() == null) {
      throw new Ltx4jException(operation + " answered a dry run without creativeUnitsCost");
    }
    JobSnapshot job = JobSnapshot.of(answer.job());
    job.id().ifPresent(id -> LOG.warn("A dry run answered with job {}: the service may have started a paid job", id));
    double discount = answer.creativeUnitsDiscount() == null ? 0.0 : answer.creativeUnitsDiscount();
    // A quote read leniently (269/402) accepts 1e400 as Infinity: no cost a caller can use.
    if (!Double.isFinite(answer.creativeUnitsCost()) || !Double.isFinite(discount)) {
      throw new Ltx4jException(operation + " answered a dry run with a cost that is not a finite number");
    }
    return new Quote(answer.creativeUnitsCost(), discount, answer.costDetails());
  }

  private static Map<String, Object> asMap(LtxRequest request) {
    return MAP.fromJsonValue(Json.moshi().adapter(LtxGenerateRequest.class).toJsonValue(request.toModel()));
  }

  private static JobPage toPage(JobList list) {
    List<JobSnapshot> jobs = list == null || list.jobs() == null
        ? List.of() : list.jobs().stream().map(JobSnapshot::of).toList();
    return new JobPage(jobs, list == null ? null : list.nextPaginationToken());
  }

  private String projectId() {
    return settings.projectId();
  }

  private Instant deadline() {
    return runner.clock().instant().plus(settings.operationTimeout());
  }

  /** Waits for an async operation, rethrowing its {@link Ltx4jException} as is. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new Ltx4jException("interrupted while waiting for the API", e);
    } catch (CancellationException e) {
      throw new Ltx4jException("the operation was canceled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Ltx4jException ltx) {
        ltx.addSuppressed(new Ltx4jException("waited for here"));
        throw ltx;
      }
      throw new Ltx4jException(String.valueOf(cause), cause);
    }
  }
}
