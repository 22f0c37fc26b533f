package dev.ltx4j.internal.limits;

import dev.ltx4j.Sleeper;
import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A clock that moves only when a test advances it, firing the sleeps that fall due on the way. */
final class ManualTime extends TestClock implements Sleeper {
  private record Timer(Instant at, CompletableFuture<Void> future) {}

  private final List<Timer> timers = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<Void> sleep(Duration delay) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    timers.add(new Timer(now.plus(delay), future));
    return future;
  }

  /** Moves the clock forward by {@code step}, firing due timers in order at their own times. */
  @Override
  public void advance(Duration step) {
    Instant end = now.plus(step);
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.stream().filter(t -> !t.at().isAfter(end)).min(Comparator.comparing(Timer::at)).orElse(null);
        if (next == null) {
          now = end;
          return;
        }
        timers.remove(next);
        if (next.at().isAfter(now)) {
          now = next.at();
        }
      }
      next.future().complete(null);
    }
  }

  synchronized int pendingTimers() {
    return timers.size();
  }
}
