package dev.ltx4j;

import static dev.ltx4j.internal.ops.Futures.join;

import dev.ltx4j.internal.call.Dispatch;
import dev.ltx4j.internal.observe.Events;
import dev.ltx4j.internal.ops.Operations;
import dev.ltx4j.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The ltx4j client for Scenario's API: submit LTX 2.3 Fast generations, quote them, and read, list and cancel jobs.
 * Build one with {@link #builder()} or {@link #fromEnv()} and share it: it is thread-safe. Every operation has a
 * blocking form (those of one request send it from the calling thread) and an {@code …Async} form that blocks no
 * thread while waiting. Failures are {@link Ltx4jException}s;
 * see the README for the status → exception table.
 */
public final class LtxClient implements AutoCloseable {
  /** Scenario's production API. */
  public static final String DEFAULT_BASE_URL = "https://api.cloud.scenario.com/v1";
  /** The LTX 2.3 Fast model id. */
  public static final String LTX_MODEL_ID = Operations.LTX_MODEL_ID;

  private final Operations ops;
  private final Assets assets;
  private final RequestBudget requestBudget;
  private final JobSlots jobSlots;

  LtxClient(Operations ops, Events events, RequestBudget requestBudget, JobSlots jobSlots) {
    this.ops = ops;
    this.assets = new Assets(ops.assetReads(), ops.uploader(), ops.downloader(), events);
    this.requestBudget = requestBudget;
    this.jobSlots = jobSlots;
  }

  /** Reading assets, uploading images and downloading videos. */
  public Assets assets() {
    return assets;
  }

  /**
   * The request budget this client draws from: its own, or the one its builder was given. Hand it to another
   * client's {@link LtxClientBuilder#requestBudget(RequestBudget)} and the two share one budget.
   */
  public RequestBudget requestBudget() {
    return requestBudget;
  }

  /**
   * The generation slots this client takes before it submits: its own, or the ones its builder was given. Hand them
   * to another client's {@link LtxClientBuilder#jobSlots(JobSlots)} and the two keep one ceiling.
   */
  public JobSlots jobSlots() {
    return jobSlots;
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

  /**
   * {@link #submit(LtxRequest)} as {@code options} say: with a {@link SendFence}, the request is sent from this
   * thread only if the fence still allows it immediately before it leaves.
   *
   * @throws SubmissionNotSentException when the fence said no: nothing was sent
   */
  public Submission submit(LtxRequest request, SubmitOptions options) {
    return options.fence().map(fence -> Submission.of(ops.submitFenced(request, fence))).orElseGet(() -> submit(request));
  }

  /**
   * {@link #submit(LtxRequest)} without blocking. Canceling the future before the request left stops it unsent;
   * after, the request cannot be taken back: {@code cancel} returns false and the future ends with
   * {@link SubmissionOutcomeUnknownException}.
   */
  public CompletableFuture<Submission> submitAsync(LtxRequest request) {
    return ops.submit(request).thenApply(Submission::of);
  }

  /** Starts a paid generation with any Scenario model, given its flat JSON parameters. */
  public Submission runModel(String modelId, Map<String, Object> parameters) {
    return join(runModelAsync(modelId, parameters));
  }

  /** {@link #runModel(String, Map)} without blocking. */
  public CompletableFuture<Submission> runModelAsync(String modelId, Map<String, Object> parameters) {
    return ops.runModel(modelId, parameters).thenApply(Submission::of);
  }

  /**
   * The team's concurrency ceiling (the most generations it runs at once) as the service states it, read from the
   * credentials' first team: empty when it states no limit, or does not answer these routes (403, 404), which are
   * not in its published reference. Costs two requests, and nothing else.
   */
  public OptionalInt teamConcurrencyCeiling() {
    return ops.teamCeiling();
  }

  /**
   * Reads a model as the service publishes it ({@code GET /models/{modelId}}), with {@code inputs}: the parameters
   * its generations take. Costs nothing; {@code ltx4j spec-check} compares it with the bundled spec.
   */
  public Model getModel(String modelId) {
    return ops.model(java.util.Objects.requireNonNull(modelId, "modelId == null"));
  }

  /** Quotes a generation's cost with {@code ?dryRun=true}; creates no job and costs nothing. */
  public Quote quote(LtxRequest request) {
    return join(ops.quote(request, Dispatch.CALLER_THREAD));
  }

  /** {@link #quote(LtxRequest)} without blocking. */
  public CompletableFuture<Quote> quoteAsync(LtxRequest request) {
    return ops.quote(request, Dispatch.ASYNC);
  }

  /** Reads a job. */
  public JobSnapshot getJob(String jobId) {
    return join(ops.getJob(jobId, Dispatch.CALLER_THREAD));
  }

  /** {@link #getJob(String)} without blocking. */
  public CompletableFuture<JobSnapshot> getJobAsync(String jobId) {
    return ops.getJob(jobId, Dispatch.ASYNC);
  }

  /** Reads one page of jobs, newest first; {@code pageToken} is null for the first page. */
  public JobPage listJobsPage(JobQuery query, @Nullable String pageToken) {
    return join(ops.listPage(query, pageToken, Dispatch.CALLER_THREAD));
  }

  /** {@link #listJobsPage(JobQuery, String)} without blocking. */
  public CompletableFuture<JobPage> listJobsPageAsync(JobQuery query, @Nullable String pageToken) {
    return ops.listPage(query, pageToken, Dispatch.ASYNC);
  }

  /**
   * Every job matching {@code query}, newest first, read a page at a time as the stream is consumed. It ends at a page
   * without a next token, at an empty page, and at a token already given: a looping server cannot stall it.
   */
  public Stream<JobSnapshot> listJobs(JobQuery query) {
    return ops.listAll(query);
  }

  /**
   * Cancels a job.
   *
   * @throws JobNotCancellableException for job types that cannot be canceled, generation jobs among them
   */
  public JobSnapshot cancel(String jobId) {
    return join(ops.cancel(jobId, Dispatch.CALLER_THREAD));
  }

  /** {@link #cancel(String)} without blocking. */
  public CompletableFuture<JobSnapshot> cancelAsync(String jobId) {
    return ops.cancel(jobId, Dispatch.ASYNC);
  }

  /**
   * Waits until the job finishes and returns it. Needs only the id: a job submitted elsewhere, or before a restart, can
   * be awaited the same way. Polls adaptively, sooner as the job nears completion, within the client's shared poll
   * budget; transient errors while polling never end the wait.
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
    return ops.await(jobId, options);
  }

  /**
   * {@link #submit(LtxRequest)} then {@link #await(String, WaitOptions)}. Once the job exists, every way the wait can
   * end names it: a failed, canceled or timed-out job's exception, or {@link JobWaitStoppedException} (interrupted,
   * the client closed, an error while polling).
   */
  public JobSnapshot generate(LtxRequest request, WaitOptions options) {
    return join(generateAsync(request, options));
  }

  /**
   * {@link #generate(LtxRequest, WaitOptions)} without blocking. Canceling it before the submission left stops it
   * unsent; after, {@code cancel} returns false and the future ends with {@link SubmissionOutcomeUnknownException}
   * or, once the job exists, {@link JobWaitStoppedException} naming it.
   */
  public CompletableFuture<JobSnapshot> generateAsync(LtxRequest request, WaitOptions options) {
    return ops.generate(request, options);
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
    return ops.findSubmitted(unknown).thenApply(all -> all.stream().findFirst());
  }

  /** The recent job {@code request}, sent around {@code sentAt}, created: for a process that died before noting it. */
  public Optional<JobSnapshot> findSubmittedJob(LtxRequest request, Instant sentAt) {
    return join(ops.findSubmitted(request, sentAt)).stream().findFirst();
  }

  /**
   * Every recent job {@code request}, sent around {@code sentAt}, may have created, closest first: for a caller that
   * sent the same request more than once and must not take one job for two. Reads up to five pages of jobs.
   */
  public List<JobSnapshot> findSubmittedJobs(LtxRequest request, Instant sentAt) {
    return join(findSubmittedJobsAsync(request, sentAt));
  }

  /** {@link #findSubmittedJobs(LtxRequest, Instant)} without blocking. */
  public CompletableFuture<List<JobSnapshot>> findSubmittedJobsAsync(LtxRequest request, Instant sentAt) {
    return ops.findSubmitted(request, sentAt);
  }

  /**
   * Ends every call still running (a submission whose request may have left, with
   * {@link SubmissionOutcomeUnknownException}), then closes every connection and thread ltx4j opened; those of an
   * {@code OkHttpClient} the caller supplied are left to it. Calls after this fail at once, unsent.
   */
  @Override
  public void close() {
    ops.close();
  }

  @Override
  public String toString() {
    return "LtxClient{" + ops.settings() + ", credentials=redacted}";
  }

}
