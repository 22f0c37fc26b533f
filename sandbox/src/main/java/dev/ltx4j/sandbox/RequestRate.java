package dev.ltx4j.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * The project's request budget: at most {@code limit} admitted API calls in any window of one sandbox minute (60 s
 * × time scale on the clock), the window sliding with every call. Only admitted calls take a place: a refused one
 * costs nothing, so a client that waits as told is served. The times of the admitted calls still in the window are
 * kept even with no limit, to report the most calls any window held. Thread-safe.
 */
final class RequestRate {
  private final int limit;
  /** The window's length in clock nanoseconds; 0 (time scale 0: no sandbox minute) meters nothing. */
  private final long windowNanos;
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();
  private int maxInWindow;

  /**
   * @param limit admitted calls allowed per window; 0 = no limit
   * @param timeScale the sandbox's time scale
   */
  RequestRate(int limit, double timeScale) {
    this.limit = limit;
    this.windowNanos = Math.round(Duration.ofMinutes(1).toNanos() * timeScale);
  }

  /** The window's length on the clock; zero when nothing is metered. */
  Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /**
   * Admits a call at {@code now}, or refuses it.
   *
   * @return empty when admitted, else the clock time until a call would be admitted
   */
  synchronized OptionalLong admit(Instant now) {
    if (windowNanos == 0) {
      return OptionalLong.empty();
    }
    long at = nanos(now);
    while (!admitted.isEmpty() && admitted.peekFirst() <= at - windowNanos) {
      admitted.pollFirst(); // out of the window (at − window, at]
    }
    if (limit > 0 && admitted.size() >= limit) {
      return OptionalLong.of(admitted.peekFirst() + windowNanos - at);
    }
    admitted.addLast(at);
    maxInWindow = Math.max(maxInWindow, admitted.size());
    return OptionalLong.empty();
  }

  /** The most admitted calls any window held since the start or the last reset. */
  synchronized int maxInWindow() {
    return maxInWindow;
  }

  synchronized void clear() {
    admitted.clear();
    maxInWindow = 0;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
