package dev.ltx4j.internal.limits;

import dev.ltx4j.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * At most {@code limit} requests in any window of {@code window}: the strictest reading of "100 requests a minute",
 * since the service's own window is not documented. It remembers when each of the last {@code limit} permits was
 * taken; a new one is free once the oldest of them has left the window.
 *
 * <p>Bursts are bounded too: at most a sixth of the limit in any sixth of the window. Without it, a client with
 * much to ask spends a whole minute's budget in its first seconds and then waits out the rest of the minute, which
 * is when the jobs it polls finish unseen.
 */
public final class SlidingWindowBudget implements RequestBudget {
  private static final int BURST_PARTS = 6;

  private final int limit;
  private final Duration window;
  private final int burst;
  private final Duration burstWindow;
  private final ArrayDeque<Instant> taken = new ArrayDeque<>();

  public SlidingWindowBudget(int limit, Duration window) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit + " must be at least 1");
    }
    this.limit = limit;
    this.window = window;
    this.burst = Math.max(1, (limit + BURST_PARTS - 1) / BURST_PARTS);
    this.burstWindow = window.dividedBy(BURST_PARTS);
  }

  @Override
  public synchronized Duration tryTake(Instant now) {
    while (!taken.isEmpty() && !taken.peekFirst().plus(window).isAfter(now)) {
      taken.pollFirst();
    }
    if (taken.size() >= limit) {
      return Duration.between(now, taken.peekFirst().plus(window));
    }
    Instant burstStart = now.minus(burstWindow);
    int recent = 0;
    Instant oldestRecent = null;
    for (Iterator<Instant> newestFirst = taken.descendingIterator(); newestFirst.hasNext(); ) {
      Instant at = newestFirst.next();
      if (!at.isAfter(burstStart)) {
        break;
      }
      recent++;
      oldestRecent = at;
    }
    if (recent >= burst && oldestRecent != null) { // burst is at least 1: a full burst has its oldest
      return Duration.between(now, oldestRecent.plus(burstWindow));
    }
    taken.addLast(now);
    return Duration.ZERO;
  }

  @Override
  public String toString() {
    return limit + " requests per " + window;
  }
}
