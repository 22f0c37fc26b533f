package dev.ltx4j.internal.call;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 8 s, each shortened by up to a quarter at random. */
final class Backoff {
  static final Duration MAX_SERVER_HINT = Duration.ofSeconds(60);
  private static final long BASE_MILLIS = 500;
  private static final long CAP_MILLIS = 8_000;

  private final DoubleSupplier random;

  Backoff(DoubleSupplier random) {
    this.random = random;
  }

  /** The delay before retry number {@code retry} (1 for the first retry). */
  Duration delay(int retry) {
    long nominal = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(retry - 1, 20));
    return Duration.ofMillis(Math.round(nominal * (1.0 - 0.25 * random.getAsDouble())));
  }

  /** A server's hint, capped so that one answer cannot stall a caller for long. */
  static Duration capHint(Duration hint) {
    return hint.compareTo(MAX_SERVER_HINT) > 0 ? MAX_SERVER_HINT : hint.isNegative() ? Duration.ZERO : hint;
  }
}
