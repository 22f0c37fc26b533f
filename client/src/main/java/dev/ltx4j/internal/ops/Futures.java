package dev.ltx4j.internal.ops;

import dev.ltx4j.Ltx4jException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Blocking forms of the asynchronous operations: the one place a caller's thread waits for the API. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for {@code future}, rethrowing its {@link Ltx4jException} as is (with a suppressed note of where it was
   * waited for, since its own stack trace is an OkHttp thread's). An interrupt stops the operation at once, the
   * thread's interrupt status kept: what stopping it ended with is thrown when it says more than "interrupted" (a
   * submission's unknown outcome, a job that goes on).
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (!future.cancel(true) && future.isCompletedExceptionally() && !future.isCancelled()) {
        Throwable outcome = future.handle((value, error) -> error).getNow(null);
        if (outcome instanceof java.util.concurrent.CompletionException && outcome.getCause() != null) {
          outcome = outcome.getCause();
        }
        if (outcome instanceof Ltx4jException ltx) {
          ltx.addSuppressed(e);
          throw ltx;
        }
      }
      throw new Ltx4jException("interrupted while waiting for the API; the operation was stopped", e);
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
