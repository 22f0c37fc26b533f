package dev.ltx4j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock and a sleeper in virtual time: sleeping advances the clock at once and records the delay. */
final class VirtualTime extends Clock implements Sleeper {
  private volatile Instant now = Instant.parse("2026-07-29T10:00:00Z");
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> sleep(Duration delay) {
    sleeps.add(delay);
    now = now.plus(delay);
    return CompletableFuture.completedFuture(null);
  }

  List<Duration> sleeps() {
    return sleeps;
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
