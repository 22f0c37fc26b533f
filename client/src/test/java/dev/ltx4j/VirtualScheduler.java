package dev.ltx4j;

import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;

/**
 * Discrete-event virtual time for many concurrent waits: sleeps are queued, and time jumps to the earliest one
 * only once no HTTP call is in flight, so that every wait sees the same clock.
 */
final class VirtualScheduler extends TestClock implements Sleeper {
  private record Timer(Instant at, long order, CompletableFuture<Void> future) {}

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>((a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
  private long order;

  @Override
  public synchronized CompletableFuture<Void> sleep(Duration delay) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    timers.add(new Timer(now.plus(delay), order++, future));
    return future;
  }

  /** Advances time until {@code done}, or fails after {@code realTimeout} of real time. */
  void runUntil(BooleanSupplier done, OkHttpClient http, Duration realTimeout) throws InterruptedException {
    long giveUp = System.nanoTime() + realTimeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("virtual time did not reach the goal; now " + now);
      }
      if (http.dispatcher().runningCallsCount() > 0 || http.dispatcher().queuedCallsCount() > 0) {
        Thread.sleep(0, 200_000);
        continue;
      }
      Timer next;
      synchronized (this) {
        next = timers.poll();
        if (next != null && next.at.isAfter(now)) {
          now = next.at;
        }
      }
      if (next == null) {
        Thread.sleep(1);
      } else {
        next.future.complete(null);
      }
    }
  }
}
