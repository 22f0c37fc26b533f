package dev.ltx4j;

import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock and a sleeper in virtual time: sleeping advances the clock at once and records the delay. */
final class VirtualTime extends TestClock implements Sleeper {
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
}
