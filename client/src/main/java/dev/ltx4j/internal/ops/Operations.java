package dev.ltx4j.internal.ops;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.JobPage;
import dev.ltx4j.JobQuery;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.JobUnreadableException;
import dev.ltx4j.JobWaitStoppedException;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.MisroutedAnswerException;
import dev.ltx4j.NotFoundException;
import dev.ltx4j.PermissionDeniedException;
import dev.ltx4j.Quote;
import dev.ltx4j.SendFence;
import dev.ltx4j.Sleeper;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.internal.Answers;
import dev.ltx4j.internal.Ids;
import dev.ltx4j.internal.call.CallRunner;
import dev.ltx4j.internal.call.CallSpec;
import dev.ltx4j.internal.call.Dispatch;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.internal.call.Stoppable;
import dev.ltx4j.internal.http.HttpStack;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.internal.limits.Priority;
import dev.ltx4j.internal.limits.SubmissionGate;
import dev.ltx4j.internal.poll.JobSource;
import dev.ltx4j.internal.poll.JobWaiter;
import dev.ltx4j.internal.poll.PollPolicy;
import dev.ltx4j.internal.transfer.Downloader;
import dev.ltx4j.internal.transfer.Uploader;
import dev.ltx4j.model.Asset;
import dev.ltx4j.model.AssetBulkRequest;
import dev.ltx4j.model.AssetResponse;
import dev.ltx4j.model.GenerateResponse;
import dev.ltx4j.model.JobActionRequest;
import dev.ltx4j.model.JobList;
import dev.ltx4j.model.JobResponse;
import dev.ltx4j.model.LtxGenerateRequest;
import dev.ltx4j.model.TeamLimitsResponse;
import dev.ltx4j.model.Model;
import dev.ltx4j.model.ModelResponse;
import dev.ltx4j.model.TeamList;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Every operation of the client: which request, which kind of call (and so which retries), and what the answer
 * means. Those of one request take a {@link Dispatch}, so that the blocking methods send it from the caller's thread.
 * {@code LtxClient} and {@code Assets} are thin public facades over it.
 */
public final class Operations implements JobSource, AutoCloseable {
  public static final String LTX_MODEL_ID = "model_ltx-2-3-fast";
  private static final int RECENT_SUBMISSIONS = 10_000;
  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** A paid submission's answer; the facade turns it into its public type. */
  public record Accepted(
      JobSnapshot job, @Nullable Double creativeUnitsCost, @Nullable Double creativeUnitsDiscount,
      Instant submittedAt) {}

  private final ClientSettings settings;
  private final HttpStack stack;
  private final CallRunner runner;
  private final SubmissionGate gate;
  /** The answers of this client's latest submissions, so that a wait by job id starts from what they said. */
  private final Map<String, Accepted> recent = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Accepted> eldest) {
      return size() > RECENT_SUBMISSIONS;
    }
  });
  private final JobWaiter waiter;
  private final Uploader uploader;
  private final Downloader downloader;
  private final AssetReads assetReads;
  // hideResults=false: matching needs each job's metadata.input, which a list may otherwise leave out.
  private final SubmissionRecovery recovery = new SubmissionRecovery(token -> listPage(JobQuery.ALL, token, false, Dispatch.ASYNC));

  public Operations(
      ClientSettings settings, HttpStack stack, CallRunner runner, SubmissionGate gate, Sleeper sleeper) {
    this.settings = settings;
    this.stack = stack;
    this.runner = runner;
    this.gate = gate;
    this.waiter = new JobWaiter(runner.clock(), sleeper,
        new PollPolicy(() -> ThreadLocalRandom.current().nextDouble()), this).observe(runner.events());
    this.uploader = new Uploader(stack, runner, sleeper, this::deadline, settings.projectId());
    this.assetReads = new AssetReads(this::readAsset, this::readAssets, gate::anyWaiting, sleeper);
    this.downloader = new Downloader(stack.calls(), sleeper,
        new RetryPolicy(RetryPolicy.DOWNLOAD_RETRIES, () -> ThreadLocalRandom.current().nextDouble()),
        stack.interrupts());
  }

  public ClientSettings settings() {
    return settings;
  }

  public Uploader uploader() {
    return uploader;
  }

  public Downloader downloader() {
    return downloader;
  }

  public Stoppable<Accepted> submit(LtxRequest request) {
    return submit(LTX_MODEL_ID, asMap(request),
        () -> stack.generate().generateLtx23Fast(request.toModel(), null, projectId()));
  }

  /**
   * A submission checked by {@code fence} right before it leaves: sent from the calling thread, blocking, and
   * taking none of the client's generation slots (the fence's owner holds seats of its own).
   */
  public Accepted submitFenced(LtxRequest request, SendFence fence) {
    String modelId = LTX_MODEL_ID;
    Map<String, Object> body = asMap(request);
    Instant submittedAt = runner.clock().instant();
    CallSpec<GenerateResponse> spec = CallSpec.paidSubmission(
        () -> stack.generate().generateLtx23Fast(request.toModel(), null, projectId()),
        cause -> new SubmissionOutcomeUnknownException(modelId, body, submittedAt, cause), deadline()).fenced(fence);
    return Futures.join(observed(modelId,
        () -> runner.run(spec, Dispatch.CALLER_THREAD).thenApply(response -> accepted(modelId, body, submittedAt,
            response))));
  }

  public Stoppable<Accepted> runModel(String modelId, Map<String, Object> parameters) {
    Ids.checkModel(modelId);
    if (parameters.containsKey("dryRun")) {
      // The service ignores unknown body fields: a dryRun there would start a paid job, not quote one.
      throw new InvalidRequestException("dryRun", "dryRun is not a body parameter: the service would ignore it and"
          + " run a paid job; use quote(…) for a dry run");
    }
    Map<String, Object> body = Map.copyOf(parameters);
    return submit(modelId, body, () -> stack.generate().generateCustomModel(modelId, body, null, projectId()));
  }

  public CompletableFuture<Quote> quote(LtxRequest request, Dispatch dispatch) {
    Supplier<Call<GenerateResponse>> call =
        () -> stack.generate().generateLtx23Fast(request.toModel(), true, projectId());
    return runner.run(CallSpec.read(call, deadline()).accepting(402), dispatch)
        .thenApply(response -> QuoteReader.read(response, runner.clock().instant()));
  }

  public CompletableFuture<JobSnapshot> getJob(String jobId, Dispatch dispatch) {
    Ids.check("jobId", jobId);
    return read(jobId, CallSpec.read(() -> stack.jobs().getJob(jobId, projectId()), deadline()), dispatch);
  }

  /**
   * Submits, then waits; stopped once the job exists, it ends with {@link JobWaitStoppedException} naming the job,
   * as does a wait that fails without naming it, so that the id of a job paid for is never lost.
   */
  public Stoppable<JobSnapshot> generate(LtxRequest request, WaitOptions options) {
    Stoppable<Accepted> submitted = submit(request);
    AtomicReference<CompletableFuture<JobSnapshot>> waiting = new AtomicReference<>();
    Stoppable<JobSnapshot> result = new Stoppable<>();
    result.stopWith((cancelFirst, evenSent) -> {
      Accepted accepted = submitted.isDone() && !submitted.isCompletedExceptionally() ? submitted.join() : null;
      if (accepted == null) {
        return submitted.stopWork(cancelFirst, evenSent); // its outcome reaches the result below
      }
      if (!evenSent) {
        return false; // the job exists: only a stop that ends the wait says so
      }
      String jobId = accepted.job().id().orElseThrow();
      if (!result.completeExceptionally(new JobWaitStoppedException(jobId, "the wait was stopped", null))) {
        return false;
      }
      CompletableFuture<JobSnapshot> wait = waiting.get();
      if (wait != null) {
        wait.cancel(false);
      }
      return false;
    });
    submitted.whenComplete((accepted, error) -> {
      if (error != null) {
        result.completeExceptionally(unwrap(error));
        return;
      }
      String jobId = accepted.job().id().orElseThrow();
      CompletableFuture<JobSnapshot> wait = awaitSubmitted(accepted, options);
      waiting.set(wait);
      if (result.isDone()) {
        wait.cancel(false);
        return;
      }
      wait.whenComplete((job, failure) -> {
        if (failure == null) {
          result.complete(job);
        } else {
          result.completeExceptionally(namingJob(jobId, unwrap(failure)));
        }
      });
    });
    return result;
  }

  /** A wait's failure as it is when it names the job, else wrapped in one that does. */
  private static Throwable namingJob(String jobId, Throwable failure) {
    if (failure instanceof JobFailedException || failure instanceof JobCanceledException
        || failure instanceof JobTimeoutException || failure instanceof JobUnreadableException
        || failure instanceof JobWaitStoppedException) {
      return failure;
    }
    return new JobWaitStoppedException(jobId, String.valueOf(failure.getMessage()), failure);
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** Reads the job, never past the client's operation timeout nor {@code until}. */
  @Override
  public CompletableFuture<JobSnapshot> get(String jobId, @Nullable Instant until) {
    Instant deadline = deadline();
    Instant end = until != null && until.isBefore(deadline) ? until : deadline;
    return read(jobId, CallSpec.read(() -> stack.jobs().getJob(jobId, projectId()), end).at(Priority.POLL),
        Dispatch.ASYNC);
  }

  private CompletableFuture<JobSnapshot> read(String jobId, CallSpec<JobResponse> spec, Dispatch dispatch) {
    return runner.run(spec, dispatch).thenApply(response -> seen(job(response.body(), "GET /jobs/" + jobId, jobId)));
  }

  /** Every job read passes here: one seen finished frees its generation slot. */
  private JobSnapshot seen(JobSnapshot job) {
    if (job.isTerminal()) {
      job.id().ifPresent(gate::finished);
    }
    return job;
  }

  @Override
  public CompletableFuture<JobSnapshot> cancel(String jobId) {
    return cancel(jobId, Dispatch.ASYNC);
  }

  public CompletableFuture<JobSnapshot> cancel(String jobId, Dispatch dispatch) {
    Ids.check("jobId", jobId);
    JobActionRequest cancel = JobActionRequest.builder().action(JobActionRequest.ActionEnum.CANCEL).build();
    return runner.run(CallSpec.idempotentWrite(() -> stack.jobs().actOnJob(jobId, cancel, projectId()), deadline()),
            dispatch)
        .thenApply(response -> seen(job(response.body(), "POST /jobs/" + jobId + "/action", jobId)));
  }

  /** Waits for a job; one this client submitted starts from its submission's answer. */
  public CompletableFuture<JobSnapshot> await(String jobId, WaitOptions options) {
    Ids.check("jobId", jobId);
    Accepted submitted = recent.get(jobId);
    return submitted != null ? awaitSubmitted(submitted, options) : waiter.await(jobId, options, null);
  }

  /** Waits for a job just submitted, its submission's answer counting as the first reading. */
  public CompletableFuture<JobSnapshot> awaitSubmitted(Accepted submission, WaitOptions options) {
    return waiter.await(submission.job().id().orElseThrow(), options, submission.job(), submission.submittedAt());
  }

  public CompletableFuture<JobPage> listPage(JobQuery query, @Nullable String pageToken, Dispatch dispatch) {
    return listPage(query, pageToken, null, dispatch);
  }

  /** Every job matching {@code query}, newest first, read a page at a time; see {@link JobListing}. */
  public Stream<JobSnapshot> listAll(JobQuery query) {
    return JobListing.stream(token -> Futures.join(listPage(query, token, Dispatch.CALLER_THREAD)));
  }

  /** Recent jobs a submission of {@code body} to {@code modelId} around {@code sentAt} may have created, best first. */
  private CompletableFuture<List<JobSnapshot>> findSubmitted(String modelId, Map<String, Object> body, Instant sentAt) {
    return recovery.find(new SubmissionMatcher(modelId, body, sentAt));
  }

  public CompletableFuture<List<JobSnapshot>> findSubmitted(SubmissionOutcomeUnknownException unknown) {
    return findSubmitted(unknown.modelId(), unknown.request(), unknown.submittedAt());
  }

  public CompletableFuture<List<JobSnapshot>> findSubmitted(LtxRequest request, Instant sentAt) {
    return findSubmitted(LTX_MODEL_ID, asMap(request), sentAt);
  }

  /**
   * The team's concurrency ceiling as the service states it: the first team of the credentials, then its limits'
   * {@code parallelInferences}. Empty when it states none (-1), or refuses these routes (403, 404), which are not
   * in its published reference.
   */
  public OptionalInt teamCeiling() {
    try {
      TeamList teams = Futures.join(runner.run(CallSpec.read(() -> stack.teams().listTeams(), deadline()),
          Dispatch.CALLER_THREAD)).body();
      String teamId = teams == null || teams.teams() == null || teams.teams().isEmpty() ? null
          : teams.teams().get(0).id();
      if (teamId == null || !teamId.matches("team_[A-Za-z0-9_-]+")) {
        return OptionalInt.empty();
      }
      TeamLimitsResponse limits = Futures.join(runner.run(
          CallSpec.read(() -> stack.teams().getTeamLimits(teamId), deadline()), Dispatch.CALLER_THREAD)).body();
      Object value = limits == null || limits.limits() == null ? null : limits.limits().parallelInferences();
      int ceiling = value instanceof Number number ? (int) Math.round(number.doubleValue())
          : value instanceof String text && text.trim().matches("-?\\d{1,9}") ? Integer.parseInt(text.trim()) : -1;
      return ceiling > 0 ? OptionalInt.of(ceiling) : OptionalInt.empty();
    } catch (NotFoundException | PermissionDeniedException refused) {
      return OptionalInt.empty();
    }
  }

  /** A model as the service describes it, with the inputs its generations take; costs nothing. */
  public Model model(String modelId) {
    ModelResponse answer = Futures.join(runner.run(CallSpec.read(() -> stack.models().getModel(modelId), deadline()),
        Dispatch.CALLER_THREAD)).body();
    if (answer == null || answer.model() == null) {
      throw new UnexpectedResponseException("GET /models/" + modelId + " answered without a model");
    }
    if (answer.model().id() != null && !answer.model().id().equals(modelId)) {
      throw new dev.ltx4j.MisroutedAnswerException("GET /models/" + modelId, modelId, answer.model().id());
    }
    return answer.model();
  }

  /** Asset reads, shared by the waits and downloads of this client (see {@link AssetReads}). */
  public AssetReads assetReads() {
    return assetReads;
  }

  private CompletableFuture<Asset> readAsset(String assetId, Dispatch dispatch) {
    return runner.run(CallSpec.read(() -> stack.assets().getAsset(assetId, projectId()), deadline()).at(Priority.ASSET),
            dispatch)
        .thenApply(response -> {
          AssetResponse body = response.body();
          if (body == null || body.asset() == null) {
            throw new UnexpectedResponseException("GET /assets/" + assetId + " answered without an asset");
          }
          if (!assetId.equals(body.asset().id())) {
            throw new MisroutedAnswerException("GET /assets/" + assetId, assetId, body.asset().id());
          }
          return body.asset();
        });
  }

  private CompletableFuture<List<Asset>> readAssets(Supplier<List<String>> ids) {
    return runner.run(CallSpec.read(() -> stack.assets().getAssetsBulk(
                AssetBulkRequest.builder().assetIds(ids.get()).build(), projectId()), deadline()).at(Priority.ASSET))
        .thenApply(response -> Answers.required(Answers.required(response.body(), "POST /assets/get-bulk", "a body")
            .assets(), "POST /assets/get-bulk", "assets"));
  }

  /**
   * Ends every call running (a paid one that may have left, with its unknown outcome) and releases connections and
   * threads, unless they belong to an {@code OkHttpClient} the caller supplied.
   */
  @Override
  public void close() {
    runner.close();
    waiter.close();
    downloader.close();
    stack.close();
  }

  private CompletableFuture<JobPage> listPage(
      JobQuery query, @Nullable String pageToken, @Nullable Boolean hideResults, Dispatch dispatch) {
    return runner.run(CallSpec.read(() -> stack.jobs().listJobs(query.pageSize(), pageToken, query.status(),
            query.type(), hideResults, projectId()), deadline()), dispatch)
        .thenApply(response -> toPage(response.body()));
  }

  /** A page read to see which awaited jobs finished: queued for the budget as a poll. */
  @Override
  public CompletableFuture<JobPage> sweepPage(int pageSize, @Nullable String pageToken, @Nullable Instant until) {
    Instant deadline = deadline();
    Instant end = until != null && until.isBefore(deadline) ? until : deadline;
    return runner.run(CallSpec.read(() -> stack.jobs().listJobs(pageSize, pageToken, null, null, null, projectId()),
            end).at(Priority.POLL))
        .thenApply(response -> toPage(response.body()));
  }

  /** A paid submission, sent once it holds one of the team's generation slots (see {@link SubmissionGate}). */
  private Stoppable<Accepted> submit(
      String modelId, Map<String, Object> body, Supplier<Call<GenerateResponse>> call) {
    return gate.submit(() -> observed(modelId, () -> send(modelId, body, call)),
        accepted -> accepted.job().id().orElseThrow());
  }

  private CompletableFuture<Accepted> observed(String modelId, Supplier<CompletableFuture<Accepted>> send) {
    return runner.events().submission(modelId, send, Accepted::job,
        accepted -> accepted.creativeUnitsCost() == null ? Double.NaN : accepted.creativeUnitsCost());
  }

  private CompletableFuture<Accepted> send(
      String modelId, Map<String, Object> body, Supplier<Call<GenerateResponse>> call) {
    Instant submittedAt = runner.clock().instant();
    CallSpec<GenerateResponse> spec = CallSpec.paidSubmission(call,
        cause -> new SubmissionOutcomeUnknownException(modelId, body, submittedAt, cause), deadline());
    return runner.run(spec).thenApply(response -> accepted(modelId, body, submittedAt, response));
  }

  /** A submission's answer; one without a job id is an unknown outcome, never an empty job. */
  private Accepted accepted(String modelId, Map<String, Object> body, Instant submittedAt,
      Response<GenerateResponse> response) {
    GenerateResponse answer = response.body();
    JobSnapshot job = JobSnapshot.of(answer == null ? null : answer.job());
    if (answer == null || job.id().isEmpty()) {
      throw new SubmissionOutcomeUnknownException(modelId, body, submittedAt,
          new Ltx4jException("the service accepted the request (HTTP " + response.code() + ") but named no job id"));
    }
    Accepted accepted = new Accepted(job, answer.creativeUnitsCost(), answer.creativeUnitsDiscount(), submittedAt);
    recent.put(job.id().get(), accepted);
    return accepted;
  }

  /**
   * The job an answer holds; a success without one is an answer ltx4j cannot use, never an empty job, and one about
   * another job than {@code jobId} is never taken for it.
   */
  private static JobSnapshot job(@Nullable JobResponse body, String operation, String jobId) {
    if (body == null || body.job() == null) {
      throw new UnexpectedResponseException(operation + " answered without a job");
    }
    JobSnapshot job = JobSnapshot.of(body.job());
    if (!job.id().map(jobId::equals).orElse(false)) {
      throw new MisroutedAnswerException(operation, jobId, job.id().orElse(null));
    }
    return job;
  }

  private JobPage toPage(@Nullable JobList list) {
    List<JobSnapshot> jobs = list == null || list.jobs() == null
        ? List.of() : list.jobs().stream().map(JobSnapshot::of).map(this::seen).toList();
    return new JobPage(jobs, list == null ? null : list.nextPaginationToken());
  }

  /** The body as the service sees it, to match against the input a listed job echoes. */
  private static Map<String, Object> asMap(LtxRequest request) {
    return MAP.fromJsonValue(Json.moshi().adapter(LtxGenerateRequest.class).toJsonValue(request.toModel()));
  }

  private @Nullable String projectId() {
    return settings.projectId();
  }

  private Instant deadline() {
    return runner.clock().instant().plus(settings.operationTimeout());
  }
}
