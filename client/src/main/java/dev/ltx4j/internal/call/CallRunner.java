package dev.ltx4j.internal.call;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.internal.http.RequestMaybeSentException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs API calls asynchronously (OkHttp's dispatcher, no thread blocked per call) with safe retries: reads retry on
 * connection failures, 408, 429 and 5xx; a paid submission retries only when it provably never left (a refused
 * connection) or was refused with 429. Server hints are honoured up to 60 s and never past the deadline.
 */
public final class CallRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);

  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxRetries;
  private final Backoff backoff;

  public CallRunner(Clock clock, Sleeper sleeper, int maxRetries) {
    this(clock, sleeper, maxRetries, () -> ThreadLocalRandom.current().nextDouble());
  }

  CallRunner(Clock clock, Sleeper sleeper, int maxRetries, DoubleSupplier random) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxRetries = maxRetries;
    this.backoff = new Backoff(random);
  }

  public Clock clock() {
    return clock;
  }

  /** Completes with the successful (or accepted) response, or with a typed {@link Ltx4jException}. */
  public <T> CompletableFuture<Response<T>> run(CallSpec<T> spec) {
    Run<T> run = new Run<>(spec);
    run.attempt();
    return run.result;
  }

  private final class Run<T> {
    final CallSpec<T> spec;
    final CompletableFuture<Response<T>> result = new CompletableFuture<>();
    volatile Call<T> current;
    int attempt;

    Run(CallSpec<T> spec) {
      this.spec = spec;
      result.whenComplete((response, error) -> {
        Call<T> call = current;
        if (result.isCancelled() && call != null) {
          call.cancel();
        }
      });
    }

    void attempt() {
      if (result.isDone()) {
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
      current = call;
      call.enqueue(new Callback<T>() {
        @Override
        public void onResponse(Call<T> call, Response<T> response) {
          handle(call.request(), response);
        }

        @Override
        public void onFailure(Call<T> call, Throwable failure) {
          handle(call.request(), failure);
        }
      });
    }

    void handle(Request request, Response<T> response) {
      int status = response.code();
      if (response.isSuccessful() || spec.acceptedStatuses().contains(status)) {
        log(request, String.valueOf(status), "done");
        result.complete(response);
        return;
      }
      String body = errorText(response.errorBody());
      Instant now = clock.instant();
      RuntimeException error = ErrorTranslator.translate(operation(request), status, response.headers(), body, now);
      boolean retryable = status == 408 || status == 429 || status >= 500;
      if (spec.submit() && status != 429 && retryable) {
        log(request, String.valueOf(status), "not retried: the job may have been created");
        result.completeExceptionally(spec.ambiguous().apply(error));
        return;
      }
      Duration hint = status == 429 ? ErrorTranslator.retryAfter(response.headers(), body, now) : null;
      retryOrFail(request, String.valueOf(status), retryable, hint, error);
    }

    void handle(Request request, Throwable failure) {
      if (failure instanceof JsonDataException || failure instanceof JsonEncodingException) {
        // The service answered, but not with the documented shape.
        RuntimeException error = new Ltx4jException(
            operation(request) + " answered with a body that is not the documented JSON: " + failure.getMessage(), failure);
        log(request, "unreadable body", "giving up");
        result.completeExceptionally(spec.submit() ? spec.ambiguous().apply(error) : error);
      } else if (failure instanceof IOException io) {
        boolean maybeSent = io instanceof RequestMaybeSentException;
        if (spec.submit() && maybeSent) {
          log(request, io.toString(), "not retried: the request may have reached the server");
          result.completeExceptionally(spec.ambiguous().apply(io));
          return;
        }
        String what = maybeSent ? "I/O failure" : "connection failure";
        retryOrFail(request, what, true, null,
            new Ltx4jIoException(operation(request) + " failed: " + what + " (" + io.getMessage() + ")", io));
      } else {
        log(request, failure.toString(), "giving up");
        result.completeExceptionally(failure instanceof Ltx4jException ? failure
            : new Ltx4jException(operation(request) + " failed: " + failure, failure));
      }
    }

    void retryOrFail(Request request, String outcome, boolean retryable, Duration hint, RuntimeException error) {
      if (!retryable || attempt > maxRetries) {
        log(request, outcome, retryable ? "giving up after " + attempt + " attempts" : "not retryable");
        result.completeExceptionally(error);
        return;
      }
      Duration delay = hint != null ? Backoff.capHint(hint) : backoff.delay(attempt);
      if (spec.deadline() != null && clock.instant().plus(delay).isAfter(spec.deadline())) {
        log(request, outcome, "giving up: a retry in " + delay.toMillis() + " ms would pass the deadline");
        result.completeExceptionally(error);
        return;
      }
      log(request, outcome, "retrying in " + delay.toMillis() + " ms ("
          + (hint != null ? "server asked" : "backoff") + ")");
      sleeper.sleep(delay).whenComplete((ignored, sleepError) -> {
        if (sleepError != null) {
          result.completeExceptionally(new Ltx4jException("retry wait failed", sleepError));
        } else {
          attempt();
        }
      });
    }

    void log(Request request, String outcome, String decision) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} -> {} (attempt {}/{}); {}", operation(request), outcome, attempt, maxRetries + 1, decision);
      }
    }
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
