package dev.ltx4j.internal.call;

import dev.ltx4j.ClientClosedException;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.SubmissionNotSentException;
import dev.ltx4j.ResponseTooLargeException;
import dev.ltx4j.SendFence;
import dev.ltx4j.Sleeper;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.UnexpectedRedirectException;
import dev.ltx4j.internal.http.InterruptWatch;
import dev.ltx4j.internal.http.RedirectRefusedIOException;
import dev.ltx4j.internal.http.RequestMaybeSentException;
import dev.ltx4j.internal.http.ResponseTooLargeIOException;
import dev.ltx4j.internal.http.UndecodableBodyException;
import dev.ltx4j.internal.limits.PermitQueue;
import dev.ltx4j.internal.observe.Events;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs API calls, retrying as {@link RetryPolicy} decides for the call's {@link CallSpec.Kind}: a paid submission is
 * never retried once it may have reached the server. Each attempt is bounded in time (the per-attempt timeout, and
 * never past the operation's deadline: a call still running then is canceled), and every path ends the caller's
 * future, whatever a callback throws. A call runs either asynchronously (OkHttp's dispatcher, no thread blocked per
 * call) or on the caller's thread ({@code execute()}, for blocking methods); both go through the same steps below,
 * only where each attempt is sent differs.
 *
 * <p>A call can be stopped at any moment: its future canceled, its blocking thread interrupted, its client closed.
 * The request in flight is then canceled, and the call ends at once. Stopping a paid submission decides, under the
 * call's lock, whether its request may have left: if not, it never will; if so, the call ends with the submission's
 * unknown outcome, never with a plain cancellation that would hide a job.
 */
public final class CallRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration attemptTimeout;
  private final RetryPolicy policy;
  private final PermitQueue permits;
  private final InterruptWatch interrupts;
  private final Set<Run<?>> running = ConcurrentHashMap.newKeySet();
  private volatile Events events = Events.NONE;
  private volatile boolean closed;

  public CallRunner(Clock clock, Sleeper sleeper, int maxRetries, Duration attemptTimeout, PermitQueue permits,
      InterruptWatch interrupts) {
    this(clock, sleeper, maxRetries, attemptTimeout, permits, interrupts,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  CallRunner(Clock clock, Sleeper sleeper, int maxRetries, Duration attemptTimeout, PermitQueue permits,
      InterruptWatch interrupts, DoubleSupplier random) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.attemptTimeout = attemptTimeout;
    this.permits = permits;
    this.interrupts = interrupts;
    this.policy = new RetryPolicy(maxRetries, random);
  }

  /** The queue every call of this runner takes its budget permit from. */
  public PermitQueue permits() {
    return permits;
  }

  public Clock clock() {
    return clock;
  }

  /** Tells {@code events} what every call (and its budget permit) does; set while the client is built. */
  public CallRunner observe(Events events) {
    this.events = events;
    permits.observe(events);
    return this;
  }

  public Events events() {
    return events;
  }

  /**
   * Every call from now on ends at once, unsent, and every call running ends now (its request canceled; a paid one
   * that may have left, with its unknown outcome): the client was closed.
   */
  public void close() {
    closed = true;
    for (Run<?> run : running) {
      run.end("stopped: the client was closed", null, true);
    }
  }

  /** Completes with the successful (or accepted) response, or with a typed {@link Ltx4jException}. */
  public <T> Stoppable<Response<T>> run(CallSpec<T> spec) {
    return run(spec, Dispatch.ASYNC);
  }

  /**
   * {@link #run(CallSpec)}, sent as {@code dispatch} says; with {@link Dispatch#CALLER_THREAD} it returns only once
   * the call has ended, with a completed future (an interrupt of the caller's thread ends it at once, the thread's
   * interrupt status kept).
   */
  public <T> Stoppable<Response<T>> run(CallSpec<T> spec, Dispatch dispatch) {
    if (dispatch == Dispatch.ASYNC) {
      Run<T> run = new Run<>(spec, null);
      run.attempt();
      return run.result;
    }
    CallerThread here = new CallerThread();
    Run<T> run = new Run<>(spec, here);
    here.runUntil(run.result, run::attempt, run::interrupted);
    return run.result;
  }

  private final class Run<T> {
    final CallSpec<T> spec;
    /** The thread that sends every attempt and runs every step after a wait; null: OkHttp's dispatcher. */
    final @Nullable CallerThread here;
    final Stoppable<Response<T>> result = new Stoppable<>();
    volatile @Nullable Call<T> current;
    /** An attempt was handed to OkHttp and has not ended: its request may be on its way. Guarded by this. */
    boolean inFlight;
    /** The call was stopped: no attempt is sent any more. Guarded by this. */
    boolean stopped;
    int attempt;

    Run(CallSpec<T> spec, @Nullable CallerThread here) {
      this.spec = spec;
      this.here = here;
      result.stopWith((cancelFirst, evenSent) -> end("canceled", cancelFirst, evenSent));
      running.add(this);
      result.whenComplete((response, error) -> running.remove(this));
    }

    /**
     * Ends the call now for {@code why}, canceling the attempt in flight. With {@code cancelFirst} (a future's
     * cancel) the call ends canceled when nothing costly may have left; without, with an {@link Ltx4jException}
     * saying why. A paid request that may have left ends it with the unknown outcome instead, or, without
     * {@code evenSent}, is left to end as it will. Returns true when nothing costly may have left and the call ended
     * so; false otherwise, and when it had ended already.
     */
    boolean end(String why, @Nullable Runnable cancelFirst, boolean evenSent) {
      boolean costly;
      synchronized (this) {
        if (result.isDone()) {
          return false; // its outcome reaches every stage made from it
        }
        costly = spec.paid() && inFlight;
        if (costly && !evenSent) {
          return false;
        }
        stopped = true;
      }
      Call<T> call = current;
      RuntimeException error = null;
      if (costly) {
        error = spec.ambiguous().apply(new Ltx4jException(operation(call) + " was " + why
            + " while its request may have been on its way"));
      } else if (cancelFirst != null) {
        cancelFirst.run();
        result.cancelHere();
      } else {
        String message = operation(call) + " was " + why + (spec.paid() ? "; its request was not sent" : "");
        error = closed ? new ClientClosedException(message) : new Ltx4jException(message);
      }
      if (error != null) {
        result.completeExceptionally(error);
      }
      if (call != null) {
        call.cancel();
      }
      return !costly;
    }

    /** Each attempt is one request: it waits for its permit, but never past the deadline (then it is not sent). */
    void attempt() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<Void> permit = permits.acquire(spec.priority(), spec.deadline());
      result.whenComplete((response, error) -> permit.cancel(false));
      permit.whenComplete((ignored, error) -> next(this::send));
    }

    /** Runs {@code step}, on the caller's thread when the call is run there. */
    void next(Runnable step) {
      if (here != null) {
        here.execute(step);
      } else {
        step.run();
      }
    }

    /** Ends the call for an interrupt of the caller's thread. */
    void interrupted() {
      end("interrupted", null, true);
    }

    void send() {
      if (result.isDone()) {
        return;
      }
      if (closed) {
        result.completeExceptionally(new ClientClosedException("the client is closed; the request was not sent"));
        return;
      }
      attempt++;
      Call<T> call;
      try {
        call = spec.call().get();
      } catch (RuntimeException e) {
        result.completeExceptionally(e instanceof Ltx4jException ? e
            : new Ltx4jException("could not prepare the request: " + Failures.describe(e), e));
        return;
      }
      Duration timeout = attemptTimeout;
      if (spec.deadline() != null) {
        Duration left = Duration.between(clock.instant(), spec.deadline());
        if (left.isNegative() || left.isZero()) {
          log(call.request(), "not sent", "the operation's deadline has passed");
          result.completeExceptionally(new Ltx4jIoException(operation(call.request())
              + " was not sent: the operation's deadline had passed", new InterruptedIOException("deadline")));
          return;
        }
        timeout = left.compareTo(timeout) < 0 ? left : timeout;
      }
      // OkHttp cancels the call when this runs out, mid-body included: a trickling server cannot outlast it.
      call.timeout().timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      SendFence fence = spec.fence();
      if (fence != null && !fenceAllows(fence, call.request())) {
        return;
      }
      synchronized (this) {
        if (stopped) {
          return;
        }
        current = call;
        inFlight = true;
      }
      Instant sentAt = clock.instant();
      Callback<T> ended = new Callback<T>() {
        @Override
        public void onResponse(Call<T> call, Response<T> response) {
          try {
            handle(call.request(), sentAt, response);
          } catch (Throwable e) {
            giveUp(call.request(), e, true);
          }
        }

        @Override
        public void onFailure(Call<T> call, Throwable failure) {
          try {
            handle(call.request(), sentAt, failure);
          } catch (Throwable e) {
            giveUp(call.request(), e, Failures.causeOf(failure, RequestMaybeSentException.class) != null);
          }
        }
      };
      if (here == null) {
        call.enqueue(ended);
        return;
      }
      Response<T> response;
      // A blocked socket read does not notice an interrupt: the watch does, and ends the call.
      try (InterruptWatch.Watch watch = interrupts.watch(this::interrupted)) {
        if (Thread.currentThread().isInterrupted()) {
          interrupted();
          return;
        }
        response = call.execute();
      } catch (Throwable failure) {
        ended.onFailure(call, failure);
        return;
      }
      ended.onResponse(call, response);
    }

    /** Asks the fence, after every wait; a no (or a failure) ends the call unsent. */
    boolean fenceAllows(SendFence fence, Request request) {
      Throwable failure = null;
      boolean allowed;
      try {
        allowed = fence.maySend();
      } catch (RuntimeException e) {
        allowed = false;
        failure = e;
      }
      if (!allowed) {
        log(request, "not sent", "its fence said no");
        result.completeExceptionally(new SubmissionNotSentException(operation(request) + " was not sent: "
            + (failure == null ? "its fence said no" : "its fence failed (" + Failures.describe(failure) + ")"),
            failure));
      }
      return allowed;
    }

    /** The attempt in flight ended; false when the call was stopped meanwhile, and has its outcome already. */
    synchronized boolean landed() {
      inFlight = false;
      return !stopped;
    }

    void handle(Request request, Instant sentAt, Response<T> response) {
      if (!landed()) {
        closeQuietly(response);
        return;
      }
      int status = response.code();
      events.requestEnded(request, status, sentAt, clock.instant());
      if (response.isSuccessful() || spec.acceptedStatuses().contains(status)) {
        log(request, String.valueOf(status), "done");
        result.complete(response);
        return;
      }
      String body = errorText(response.errorBody());
      Instant now = clock.instant();
      RuntimeException error = ErrorTranslator.translate(operation(request), status, response.headers(), body, now);
      // A server that says when to come back is believed: on 429 and on 503 (Retry-After, seconds or a date).
      Duration hint = status == 429 || status == 503 ? ErrorTranslator.retryAfter(response.headers(), body, now) : null;
      boolean ceiling = error instanceof RateLimitException limited && limited.isConcurrencyLimit();
      if (status == 429) {
        events.rateLimited(request, ceiling);
      }
      if (status == 429 && !ceiling) {
        // The project's request rate is used up: no request of this client is sent until the server's time is up.
        permits.holdUntil(now.plus(hint == null ? RetryPolicy.RATE_LIMIT_PAUSE : RetryPolicy.capHint(hint)));
      }
      retryOrFail(request, String.valueOf(status), RetryPolicy.ofStatus(spec.kind(), status, ceiling), hint, error);
    }

    void handle(Request request, Instant sentAt, Throwable failure) {
      if (!landed()) {
        return;
      }
      events.requestEnded(request, 0, sentAt, clock.instant());
      String operation = operation(request);
      boolean maybeSent = Failures.causeOf(failure, RequestMaybeSentException.class) != null;
      if (!maybeSent && !(failure instanceof IOException)) {
        giveUp(request, failure, false);
        return;
      }
      // Nothing left the client on a refused connection: safe to retry, a paid submission included.
      RedirectRefusedIOException redirect = Failures.causeOf(failure, RedirectRefusedIOException.class);
      if (redirect != null) {
        UnexpectedRedirectException refused = new UnexpectedRedirectException(operation, redirect.status(),
            redirect.location(), redirect.reason());
        retryOrFail(request, "HTTP " + redirect.status(), spec.paid() ? RetryPolicy.Failure.PAID_AND_AMBIGUOUS
            : RetryPolicy.Failure.UNDECODABLE, null, refused);
        return;
      }
      RuntimeException error = maybeSent ? answerFailure(operation, failure) : new Ltx4jIoException(
          operation + " failed: " + connectionFailure(failure), (IOException) failure);
      RetryPolicy.Failure kind = RetryPolicy.ofTransport(spec.kind(), maybeSent,
          error instanceof UnexpectedResponseException);
      retryOrFail(request, maybeSent ? "I/O failure" : "connection failure", kind, null, error);
    }

    /** What a failure after the request may have been received means to the caller. */
    RuntimeException answerFailure(String operation, Throwable failure) {
      ResponseTooLargeIOException tooLarge = Failures.causeOf(failure, ResponseTooLargeIOException.class);
      if (tooLarge != null) {
        return new ResponseTooLargeException(operation + " answered with a body larger than the client reads ("
            + tooLarge.limit() + " bytes)", tooLarge.limit(), failure);
      }
      UndecodableBodyException undecodable = Failures.causeOf(failure, UndecodableBodyException.class);
      if (undecodable != null) {
        return new UnexpectedResponseException(
            operation + " answered with a body that is not the documented JSON: " + undecodable.getMessage(),
            undecodable.bodyPrefix(), failure);
      }
      IOException io = failure instanceof IOException e ? e : new IOException(failure);
      return new Ltx4jIoException(operation + " failed: I/O failure (" + failure.getMessage() + ")", io);
    }

    /** Ends the call on an unexpected failure; {@code maybeSent}: whether the server may have the request. */
    void giveUp(Request request, Throwable failure, boolean maybeSent) {
      log(request, failure.toString(), "giving up");
      RuntimeException error = failure instanceof Ltx4jException ltx ? ltx
          : new Ltx4jException(operation(request) + " failed unexpectedly: " + Failures.describe(failure), failure);
      result.completeExceptionally(spec.paid() && maybeSent ? spec.ambiguous().apply(error) : error);
    }

    void retryOrFail(Request request, String outcome, RetryPolicy.Failure failure, @Nullable Duration hint,
        RuntimeException error) {
      if (failure == RetryPolicy.Failure.PAID_AND_AMBIGUOUS) {
        log(request, outcome, "not retried: the request may have reached the server");
        result.completeExceptionally(spec.ambiguous().apply(error));
        return;
      }
      RetryPolicy.Decision decision = policy.next(failure, attempt, hint, clock.instant(), spec.deadline());
      log(request, outcome, decision.why());
      Duration delay = decision.delay();
      if (delay == null) {
        result.completeExceptionally(error);
        return;
      }
      events.retryScheduled(request, outcome, delay);
      sleeper.sleep(delay).whenComplete((ignored, sleepError) -> {
        if (sleepError != null) {
          result.completeExceptionally(new Ltx4jException("retry wait failed", sleepError));
        } else {
          next(this::attempt);
        }
      });
    }

    void log(Request request, String outcome, String decision) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} -> {} (attempt {}/{}); {}", operation(request), outcome, attempt, policy.maxRetries() + 1, decision);
      }
    }
  }

  private static String operation(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }

  /** The operation of {@code call}; "the call" before an attempt was handed to OkHttp (a costly one always was). */
  private static String operation(@Nullable Call<?> call) {
    return call == null ? "the call" : operation(call.request());
  }

  private static void closeQuietly(Response<?> response) {
    if (response.errorBody() != null) {
      response.errorBody().close();
    }
  }

  /** Reads an error body as text; empty when there is none or it cannot be read. */
  public static String errorText(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (body) {
      return body.string();
    } catch (IOException e) {
      return "";
    }
  }

  /** Why no connection was made, in words a user can act on. */
  private static String connectionFailure(Throwable failure) {
    if (failure instanceof java.net.UnknownHostException) {
      return "the host " + failure.getMessage() + " could not be resolved (check the address, the network or a proxy)";
    }
    if (failure instanceof java.net.ConnectException) {
      return "the connection was refused or could not be made (" + failure.getMessage() + ")";
    }
    return "connection failure (" + failure.getMessage() + ")";
  }
}
