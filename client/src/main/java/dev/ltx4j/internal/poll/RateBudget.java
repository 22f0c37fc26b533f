package dev.ltx4j.internal.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * A shared budget of requests per minute, handed out as evenly spaced slots in the order asked for: never more than
 * the budget in any minute, no bursts, and first come, first served, so that when it is tight every wait's polls
 * are delayed alike instead of some starving.
 */
public final class RateBudget {
  private final Duration spacing;
  private Instant nextSlot = Instant.MIN;

  public RateBudget(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute " + perMinute + " must be at least 1");
    }
    // Rounded up, so that no minute ever holds one more than the budget.
    this.spacing = Duration.ofNanos((60_000_000_000L + perMinute - 1) / perMinute);
  }

  /** Reserves the next free slot and returns how long to wait for it (zero when it is now). */
  public synchronized Duration reserve(Instant now) {
    Instant slot = nextSlot.isAfter(now) ? nextSlot : now;
    nextSlot = slot.plus(spacing);
    return Duration.between(now, slot);
  }
}
