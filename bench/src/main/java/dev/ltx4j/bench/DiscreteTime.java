package dev.ltx4j.bench;

import dev.ltx4j.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * Virtual time for a benchmark of hours of waiting: sleeps are queued, and the clock jumps to the earliest one
 * only while no HTTP call is in flight, so that every request is answered at the instant it was sent.
 */
final class DiscreteTime extends Clock implements Sleeper {
  private record Timer(Instant at, long order, CompletableFuture<Void> future) {}

  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
      ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
  private volatile Instant now = Instant.parse("2026-07-29T10:00:00Z");
  private long order;

  @Override
  public synchronized CompletableFuture<Void> sleep(Duration delay) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    timers.add(new Timer(now.plus(delay.isNegative() ? Duration.ZERO : delay), order++, future));
    return future;
  }

  /** Runs timers in time order until {@code done}; HTTP calls of {@code http} finish before time moves on. */
  void runUntil(java.util.function.BooleanSupplier done, OkHttpClient http) throws InterruptedException {
    int idle = 0;
    while (!done.getAsBoolean()) {
      if (http.dispatcher().runningCallsCount() > 0 || http.dispatcher().queuedCallsCount() > 0) {
        Thread.onSpinWait();
        continue;
      }
      Timer next;
      synchronized (this) {
        next = timers.poll();
        if (next != null && next.at().isAfter(now)) {
          now = next.at();
        }
      }
      if (next == null) {
        if (++idle > 10_000) {
          throw new IllegalStateException("nothing left to run at " + now);
        }
        Thread.sleep(0, 100_000);
      } else {
        idle = 0;
        next.future().complete(null);
      }
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
