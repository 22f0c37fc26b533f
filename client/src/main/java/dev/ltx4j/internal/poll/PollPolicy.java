package dev.ltx4j.internal.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When to poll a job next. A short first delay; then, while progress says nothing, an interval that grows by half
 * at each unchanged poll. Once progress readings give an estimated completion (extrapolating the progress rate),
 * each poll waits 65 % of the time left, so polls close in on the estimate; past it, each waits a quarter of the
 * time overdue, backing off if the estimate was early. Jitter of ±10 % keeps many waits from polling in step.
 * Always between the floor (250 ms) and the cap (15 s). Tuned with {@code PollingBenchmark}.
 *
 * <p>When jobs of the same kind were seen finishing ({@link DurationModel}), their typical length comes first:
 * one reading just after it, then, while the job runs late, readings spaced by a quarter of the time overdue (at
 * least 3 % of the typical length). Progress is not asked then: it leaves out the phases before and after the work,
 * where the time of such jobs is measured whole.
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
  /** Read this long after a job should have finished, so that the reading finds it finished. */
  static final Duration EXPECTED_MARGIN = Duration.ofMillis(100);
  /** The longest wait for an expected finish: a job may fail or be canceled meanwhile. */
  static final Duration EXPECTED_CAP = Duration.ofSeconds(60);

  private final DoubleSupplier random;

  public PollPolicy(DoubleSupplier random) {
    this.random = random;
  }

  /** The delay before the next poll, given what the wait has seen so far. */
  public Duration next(PollState state, Instant now) {
    Duration expected = fromExpectation(state, now);
    if (expected != null) {
      return expected;
    }
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

  /** The delay the typical length of such jobs gives, or null when it does not apply. */
  private static @Nullable Duration fromExpectation(PollState state, Instant now) {
    Instant expectedAt = state.expectedAt();
    Duration length = state.expectedLength();
    if (expectedAt == null || length == null) { // set together, by expect(…)
      return null;
    }
    if (length.isNegative() || length.compareTo(DurationModel.LONGEST) > 0) {
      return null; // learned from a clock that was wrong: progress and the usual schedule decide
    }
    Duration margin = Duration.ofMillis(Math.max(EXPECTED_MARGIN.toMillis(), length.toMillis() / 100));
    if (now.isBefore(expectedAt)) {
      Duration wait = Duration.between(now, expectedAt).plus(margin);
      return wait.compareTo(EXPECTED_CAP) > 0 ? EXPECTED_CAP : wait;
    }
    Duration overdue = Duration.between(expectedAt, now).dividedBy(4);
    Duration step = length.multipliedBy(3).dividedBy(100);
    return clamp(overdue.compareTo(step) > 0 ? overdue : step);
  }

  private static Duration clamp(Duration delay) {
    return delay.compareTo(FLOOR) < 0 ? FLOOR : delay.compareTo(CAP) > 0 ? CAP : delay;
  }
}
