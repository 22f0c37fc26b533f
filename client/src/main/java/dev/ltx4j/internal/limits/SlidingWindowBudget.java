package dev.ltx4j.internal.limits;

import dev.ltx4j.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * At most {@code limit} requests in any window of {@code window}: the strictest reading of "100 requests a minute",
 * since the service's own window is not documented. It remembers when each of the last {@code limit} permits was
 * taken; a new one is free once the oldest of them has left the window.
 */
public final class SlidingWindowBudget implements RequestBudget {
  private final int limit;
  private final Duration window;
  private final ArrayDeque<Instant> taken = new ArrayDeque<>();

  public SlidingWindowBudget(int limit, Duration window) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit + " must be at least 1");
    }
    this.limit = limit;
    this.window = window;
  }

  @Override
  public synchronized Duration tryTake(Instant now) {
    while (!taken.isEmpty() && !taken.peekFirst().plus(window).isAfter(now)) {
      taken.pollFirst();
    }
    if (taken.size() < limit) {
      taken.addLast(now);
      return Duration.ZERO;
    }
    return Duration.between(now, taken.peekFirst().plus(window));
  }

  @Override
  public String toString() {
    return limit + " requests per " + window;
  }
}
