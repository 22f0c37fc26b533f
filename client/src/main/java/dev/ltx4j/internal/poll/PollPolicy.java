package dev.ltx4j.internal.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to poll a job next. A short first delay; then, while progress says nothing, an interval that grows by half
 * at each unchanged poll. Once progress readings give an estimated completion (extrapolating the progress rate),
 * each poll waits 65 % of the time left, so polls close in on the estimate; past it, each waits a quarter of the
 * time overdue, backing off if the estimate was early. Jitter of ±10 % keeps many waits from polling in step.
 * Always between the floor (250 ms) and the cap (15 s). Tuned with {@code PollingBenchmark}.
 */
public final class PollPolicy {
  public static final Duration FIRST = Duration.ofMillis(1500);
  public static final Duration FLOOR = Duration.ofMillis(250);
  public static final Duration CAP = Duration.ofSeconds(15);
  private static final double FLOOR_SECONDS = FLOOR.toMillis() / 1000.0;
  private static final double GROWTH = 1.5;
  private static final double TOWARD_ETA = 0.65;
  private static final double OVERDUE_SHARE = 0.25;
  private static final double JITTER = 0.1;

  private final DoubleSupplier random;

  public PollPolicy(DoubleSupplier random) {
    this.random = random;
  }

  /** The delay before the next poll, given what the wait has seen so far. */
  public Duration next(PollState state, Instant now) {
    if (state.polls() == 0) {
      return FIRST;
    }
    double seconds;
    Instant eta = state.estimatedCompletion();
    if (eta != null) {
      double left = Duration.between(now, eta).toMillis() / 1000.0;
      seconds = left > 0 ? left * TOWARD_ETA : Math.max(FLOOR_SECONDS, -left * OVERDUE_SHARE);
    } else {
      seconds = FIRST.toMillis() / 1000.0 * Math.pow(GROWTH, Math.min(state.unchangedPolls(), 12));
    }
    seconds *= 1 - JITTER + 2 * JITTER * random.getAsDouble();
    return clamp(Duration.ofNanos((long) (seconds * 1e9)));
  }

  private static Duration clamp(Duration delay) {
    return delay.compareTo(FLOOR) < 0 ? FLOOR : delay.compareTo(CAP) > 0 ? CAP : delay;
  }
}
