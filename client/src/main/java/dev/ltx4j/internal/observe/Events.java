package dev.ltx4j.internal.observe;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Invocation;

/**
 * The client's side of {@link LtxObserver}: the hooks in the client call one method here with what they have at
 * hand, and this turns it into the observers' terms (an operation name, never a URL with ids in it). What an
 * observer throws is logged, never passed on: observing must not change what the client does.
 */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);
  /** Tells no one. */
  public static final Events NONE = new Events(List.of());

  private final List<LtxObserver> observers;

  private Events(List<LtxObserver> observers) {
    this.observers = observers;
  }

  public static Events of(List<LtxObserver> observers) {
    return observers.isEmpty() ? NONE : new Events(List.copyOf(observers));
  }

  public void requestEnded(Request request, int status, Instant sentAt, Instant now) {
    if (observers.isEmpty()) {
      return;
    }
    Duration took = sentAt == null ? Duration.ZERO : Duration.between(sentAt, now);
    String operation = operation(request);
    each(o -> o.requestEnded(operation, status, took.isNegative() ? Duration.ZERO : took));
  }

  /** {@code outcome}: what the call runner logs, a status code or a kind of failure. */
  public void retryScheduled(Request request, String outcome, Duration delay) {
    String reason = outcome.chars().allMatch(Character::isDigit) ? "http_" + outcome
        : outcome.toLowerCase(java.util.Locale.ROOT).replace("i/o", "io").replace(' ', '_');
    each(o -> o.retryScheduled(operation(request), reason, delay));
  }

  public void rateLimited(Request request, boolean concurrencyLimit) {
    each(o -> o.rateLimited(operation(request), concurrencyLimit));
  }

  public void budgetWaited(Duration wait) {
    each(o -> o.budgetWaited(wait));
  }

  /**
   * Runs a paid submission, telling the observers before it is sent and when it ends: with the accepted job and its
   * cost in creative units (NaN when the answer gave none).
   */
  public <T> CompletableFuture<T> submission(String modelId, Supplier<CompletableFuture<T>> send,
      Function<? super T, JobSnapshot> job, ToDoubleFunction<? super T> cost) {
    if (observers.isEmpty()) {
      return send.get();
    }
    List<LtxObserver.SubmissionObserver> each = observers.stream().map(o -> {
      try {
        return o.submitting(modelId);
      } catch (RuntimeException e) {
        LOG.warn("An ltx4j observer threw; ignored", e);
        return LtxObserver.SubmissionObserver.NONE;
      }
    }).toList();
    CompletableFuture<T> sent;
    try {
      sent = send.get();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.whenComplete((accepted, error) -> each.forEach(s -> safely(() -> {
      if (error == null) {
        s.accepted(job.apply(accepted), cost.applyAsDouble(accepted));
      } else {
        s.failed(unwrap(error));
      }
    })));
  }

  public void waitStarted(String jobId) {
    each(o -> o.waitStarted(jobId));
  }

  /**
   * The wait, as its caller sees it: completed only after the observers heard how it ended, so that what the caller
   * does next (a download) comes after; canceling it cancels the wait.
   */
  public CompletableFuture<JobSnapshot> waitObserved(String jobId, CompletableFuture<JobSnapshot> wait) {
    if (observers.isEmpty()) {
      return wait;
    }
    CompletableFuture<JobSnapshot> observed = new CompletableFuture<>();
    wait.whenComplete((job, error) -> {
      if (error == null) {
        each(o -> o.waitSucceeded(job));
        observed.complete(job);
      } else {
        Throwable cause = unwrap(error);
        each(o -> o.waitFailed(jobId, cause));
        observed.completeExceptionally(error);
      }
    });
    observed.whenComplete((job, error) -> {
      if (observed.isCancelled()) {
        wait.cancel(false);
      }
    });
    return observed;
  }

  /** Runs a blocking download of {@code assetId}, telling the observers when it starts and ends. */
  public long download(String assetId, LongSupplier download) {
    each(o -> o.downloadStarted(assetId));
    long bytes;
    try {
      bytes = download.getAsLong();
    } catch (RuntimeException | Error e) {
      each(o -> o.downloadFailed(assetId, e));
      throw e;
    }
    each(o -> o.downloadEnded(assetId, bytes));
    return bytes;
  }

  /** The Retrofit method a request comes from ({@code getJob}), else its HTTP method: never its path. */
  static String operation(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    return invocation != null ? invocation.method().getName() : request.method();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private void each(java.util.function.Consumer<LtxObserver> event) {
    for (LtxObserver observer : observers) {
      safely(() -> event.accept(observer));
    }
  }

  private static void safely(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      LOG.warn("An ltx4j observer threw; ignored", e);
    }
  }
}
