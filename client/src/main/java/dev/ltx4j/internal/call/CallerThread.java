package dev.ltx4j.internal.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a call's steps on the thread that asked for it, whichever thread completes what a step waited for (a budget
 * permit, a retry delay): the timer that granted a permit only queues the send, and the caller's own thread sends
 * it. So a blocking call costs no hop to another thread, and no timer thread ever blocks on the network. Waits in a
 * {@link LinkedBlockingQueue} (no monitor held while blocked), so a virtual thread waiting here does not pin its
 * carrier.
 */
final class CallerThread implements Executor {
  private static final Runnable WAKE = () -> {};

  private final LinkedBlockingQueue<Runnable> steps = new LinkedBlockingQueue<>();

  @Override
  public void execute(Runnable step) {
    steps.add(step);
  }

  /**
   * Runs {@code first}, then every step queued, until {@code done} completes. An interrupt runs {@code interrupted},
   * which ends {@code done}, and the thread keeps its interrupt status.
   */
  void runUntil(CompletableFuture<?> done, Runnable first, Runnable interrupted) {
    done.whenComplete((result, error) -> steps.add(WAKE));
    first.run();
    while (!done.isDone()) {
      try {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        steps.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted.run();
        return;
      }
    }
  }
}
