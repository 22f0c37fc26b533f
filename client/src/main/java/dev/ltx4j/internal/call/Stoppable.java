package dev.ltx4j.internal.call;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@link #cancel(boolean)} stops the work that completes it, as far as that work can be undone.
 * Work that has sent nothing that costs is stopped and the future canceled. A paid request that may have left cannot
 * be taken back: {@code cancel(true)} then ends the work at once with the exception that says so (the submission's
 * unknown outcome, or one that names the job), while {@code cancel(false)} leaves it to end as it will (a batch
 * withdrawing what it has not sent yet); either returns false, so that no job is dropped on the floor. Stages made
 * from it ({@code thenApply} and the rest) stop the same work.
 */
public class Stoppable<T> extends CompletableFuture<T> {
  /** How to stop the work behind a future. */
  @FunctionalInterface
  public interface Stop {
    /**
     * Stops the work, deciding atomically whether anything costly may have left. When nothing did, it runs
     * {@code cancelFirst} (which cancels the future asked), then ends the work, and returns true. Otherwise, with
     * {@code evenSent}, it ends the work with the exception that says what may exist, and without, it leaves the
     * work alone; either way it returns false. Also false, doing nothing, when the work had ended already (its
     * outcome then reaches the future asked).
     */
    boolean stop(Runnable cancelFirst, boolean evenSent);
  }

  /** Work with nothing to undo: stopping only cancels. */
  public static final Stop NOTHING_TO_UNDO = (cancelFirst, evenSent) -> {
    cancelFirst.run();
    return true;
  };

  private volatile Stop stop;

  public Stoppable() {
    this(NOTHING_TO_UNDO);
  }

  public Stoppable(Stop stop) {
    this.stop = stop;
  }

  /** Sets how the work is stopped, for work that learns it after its future was made. */
  public final void stopWith(Stop stop) {
    this.stop = stop;
  }

  /** Cancels this future alone, leaving the work as it is: for the work itself, once it has stopped. */
  public final boolean cancelHere() {
    return super.cancel(false);
  }

  /** Stops the work as {@link Stop#stop(Runnable, boolean)} says. */
  public final boolean stopWork(Runnable cancelFirst, boolean evenSent) {
    return stop.stop(cancelFirst, evenSent);
  }

  /**
   * Cancels the work if it has sent nothing costly; otherwise returns false and, with {@code mayInterruptIfRunning},
   * ends it at once with what may exist.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    boolean[] canceled = {false};
    boolean undone = stopWork(() -> canceled[0] = super.cancel(mayInterruptIfRunning), mayInterruptIfRunning);
    return undone && canceled[0];
  }

  /** Stages made from this one stop the same work. */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new Stoppable<>(this::stopWork);
  }

  /** A future that completes as {@code future} does, and stops nothing: for work that has no way to stop. */
  public static <T> Stoppable<T> of(CompletableFuture<T> future) {
    if (future instanceof Stoppable<T> stoppable) {
      return stoppable;
    }
    Stoppable<T> result = new Stoppable<>((cancelFirst, evenSent) -> {
      if (future.isDone()) {
        return false;
      }
      cancelFirst.run();
      future.cancel(false);
      return true;
    });
    future.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(error instanceof java.util.concurrent.CompletionException
            && error.getCause() != null ? error.getCause() : error);
      }
    });
    return result;
  }
}
