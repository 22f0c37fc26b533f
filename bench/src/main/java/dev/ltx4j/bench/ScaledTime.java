package dev.ltx4j.bench;

import dev.ltx4j.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time that runs {@code speed} times faster than the wall clock, shared by a sandbox and the clients that talk to
 * it: jobs, rate windows, poll intervals and budgets all keep their real-world values in this time, so a benchmark
 * of an hour's batch runs in minutes without changing any of them.
 */
final class ScaledTime extends Clock implements Sleeper {
  private final double speed;
  private final Instant origin = Instant.parse("2026-07-29T10:00:00Z");
  private final long startNanos = System.nanoTime();

  ScaledTime(double speed) {
    this.speed = speed;
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(Math.round((System.nanoTime() - startNanos) * speed));
  }

  @Override
  public CompletableFuture<Void> sleep(Duration delay) {
    long real = Math.max(0, Math.round(delay.toNanos() / speed));
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(real, TimeUnit.NANOSECONDS));
  }

  /** Blocks the calling thread for {@code delay} of this time. */
  void pause(Duration delay) throws InterruptedException {
    long real = Math.max(0, Math.round(delay.toNanos() / speed));
    TimeUnit.NANOSECONDS.sleep(real);
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
