package dev.ltx4j.internal.call;

import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.ResponseTooLargeException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.UnexpectedResponseException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.Request;
import okhttp3.ResponseBody;
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
 */
public final class CallRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);
  /** How long every request waits after a rate-limit 429 that did not say how long. */
  private static final Duration RATE_LIMIT_PAUSE = Duration.ofSeconds(5);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration attemptTimeout;
  private final RetryPolicy policy;
  private final PermitQueue permits;
  private volatile Events events = Events.NONE;
  private volatile boolean closed;

  public CallRunner(Clock clock, Sleeper sleeper, int maxRetries, Duration attemptTimeout, PermitQueue permits) {
    this(clock, sleeper, maxRetries, attemptTimeout, permits, () -> ThreadLocalRandom.current().nextDouble());
  }

  CallRunner(Clock clock, Sleeper sleeper, int maxRetries, Duration attemptTimeout, PermitQueue permits,
      DoubleSupplier random) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.attemptTimeout = attemptTimeout;
    this.permits = permits;
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

  /** Every call from now on ends at once, unsent: the client was closed. */
  public void close() {
    closed = true;
  }

  /** Completes with the successful (or accepted) response, or with a typed {@link Ltx4jException}. */
  public <T> CompletableFuture<Response<T>> run(CallSpec<T> spec) {
    return run(spec, Dispatch.ASYNC);
  }

  /**
   * {@link #run(CallSpec)}, sent as {@code dispatch} says; with {@link Dispatch#CALLER_THREAD} it returns only once
   * the call has ended, with a completed future.
   */
  public <T> CompletableFuture<Response<T>> run(CallSpec<T> spec, Dispatch dispatch) {
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
    final CallerThread here;
    final CompletableFuture<Response<T>> result = new CompletableFuture<>();
    volatile Call<T> current;
    volatile Instant sentAt;
    int attempt;

    Run(CallSpec<T> spec, CallerThread here) {
      this.spec = spec;
      this.here = here;
      result.whenComplete((response, error) -> {
        Call<T> call = current;
        if (result.isCancelled() && call != null) {
          call.cancel();
        }
      });
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

    /** What an interrupt of the caller's thread ends the call with; a submission sent before may have been paid. */
    Throwable interrupted(InterruptedException interrupt) {
      Ltx4jException error = new Ltx4jException("interrupted while waiting for the API", interrupt);
      return spec.paid() && current != null ? spec.ambiguous().apply(error) : error;
    }

    void send() {
      if (result.isDone()) {
        return;
      }
      if (closed) {
        result.completeExceptionally(new Ltx4jException("the client is closed; the request was not sent"));
        return;
      }
      attempt++;
      Call<T> call;
      try {
        call = spec.call().get();
      } catch (RuntimeException e) {
        result.completeExceptionally(e instanceof Ltx4jException ? e : new Ltx4jException("could not prepare the request: " + e, e));
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
      current = call;
      sentAt = clock.instant();
      Callback<T> ended = new Callback<T>() {
        @Override
        public void onResponse(Call<T> call, Response<T> response) {
          try {
            handle(call.request(), response);
          } catch (Throwable e) {
            giveUp(call.request(), e, true);
          }
        }

        @Override
        public void onFailure(Call<T> call, Throwable failure) {
          try {
            handle(call.request(), failure);
          } catch (Throwable e) {
            giveUp(call.request(), e, causeOf(failure, RequestMaybeSentException.class) != null);
          }
        }
      };
      if (here == null) {
        call.enqueue(ended);
        return;
      }
      Response<T> response;
      try {
        response = call.execute();
      } catch (Throwable failure) {
        ended.onFailure(call, failure);
        return;
      }
      ended.onResponse(call, response);
    }

    void handle(Request request, Response<T> response) {
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
        permits.holdUntil(now.plus(hint == null ? RATE_LIMIT_PAUSE : RetryPolicy.capHint(hint)));
      }
      retryOrFail(request, String.valueOf(status), RetryPolicy.ofStatus(spec.kind(), status, ceiling), hint, error);
    }

    void handle(Request request, Throwable failure) {
      events.requestEnded(request, 0, sentAt, clock.instant());
      String operation = operation(request);
      boolean maybeSent = causeOf(failure, RequestMaybeSentException.class) != null;
      if (!maybeSent && !(failure instanceof IOException)) {
        giveUp(request, failure, false);
        return;
      }
      // Nothing left the client on a refused connection: safe to retry, a paid submission included.
      RuntimeException error = maybeSent ? answerFailure(operation, failure) : new Ltx4jIoException(
          operation + " failed: connection failure (" + failure.getMessage() + ")", (IOException) failure);
      RetryPolicy.Failure kind = RetryPolicy.ofTransport(spec.kind(), maybeSent,
          error instanceof UnexpectedResponseException);
      retryOrFail(request, maybeSent ? "I/O failure" : "connection failure", kind, null, error);
    }

    /** What a failure after the request may have been received means to the caller. */
    RuntimeException answerFailure(String operation, Throwable failure) {
      ResponseTooLargeIOException tooLarge = causeOf(failure, ResponseTooLargeIOException.class);
      if (tooLarge != null) {
        return new ResponseTooLargeException(operation + " answered with a body larger than the client reads ("
            + tooLarge.limit() + " bytes)", tooLarge.limit(), failure);
      }
      UndecodableBodyException undecodable = causeOf(failure, UndecodableBodyException.class);
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
          : new Ltx4jException(operation(request) + " failed: " + failure, failure);
      result.completeExceptionally(spec.paid() && maybeSent ? spec.ambiguous().apply(error) : error);
    }

    void retryOrFail(Request request, String outcome, RetryPolicy.Failure failure, Duration hint,
        RuntimeException error) {
      if (failure == RetryPolicy.Failure.PAID_AND_AMBIGUOUS) {
        log(request, outcome, "not retried: the request may have reached the server");
        result.completeExceptionally(spec.ambiguous().apply(error));
        return;
      }
      RetryPolicy.Decision decision = policy.next(failure, attempt, hint, clock.instant(), spec.deadline());
      log(request, outcome, decision.why());
      if (!decision.retry()) {
        result.completeExceptionally(error);
        return;
      }
      events.retryScheduled(request, outcome, decision.delay());
      sleeper.sleep(decision.delay()).whenComplete((ignored, sleepError) -> {
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

  /** The first throwable of type {@code type} in {@code failure}'s cause chain, or null. */
  private static <E extends Throwable> E causeOf(Throwable failure, Class<E> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String operation(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }

  /** Reads an error body as text; empty when there is none or it cannot be read. */
  public static String errorText(ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (body) {
      return body.string();
    } catch (IOException e) {
      return "";
    }
  }
}
