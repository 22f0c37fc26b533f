package dev.ltx4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries and polls. The default schedules on a timer thread without blocking a caller's thread;
 * tests pass one that advances a virtual clock and returns at once, to assert schedules without waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /** Returns a future that completes after {@code delay}. */
  CompletableFuture<Void> sleep(Duration delay);

  /** The real one. */
  static Sleeper system() {
    return delay -> CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS));
  }
}
