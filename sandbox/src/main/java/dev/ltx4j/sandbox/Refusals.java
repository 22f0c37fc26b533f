package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/**
 * Refusals of every API call that provider states set up, as Scenario words them: an API key that may not reach
 * the resource (403, the documented message) and a project whose request rate is used up for a while (429 with
 * {@code remainingSeconds}). Cleared by a reset.
 */
final class Refusals {
  static final String PROTECTED = "API Keys cannot access protected resources";
  private volatile boolean forbidden;
  private volatile @Nullable Instant rateUsedUpUntil;

  /** Every call answers 403 until the next reset. */
  void forbid() {
    forbidden = true;
  }

  /** Every call answers 429 until {@code until}. */
  void rateUsedUpUntil(Instant until) {
    rateUsedUpUntil = until;
  }

  void clear() {
    forbidden = false;
    rateUsedUpUntil = null;
  }

  /** The refusal a call gets at {@code now}, if any. */
  Optional<MockResponse> answer(Instant now) {
    if (forbidden) {
      return Optional.of(Responses.message(403, PROTECTED));
    }
    Instant until = rateUsedUpUntil;
    if (until == null || !now.isBefore(until)) {
      return Optional.empty();
    }
    return Optional.of(rateUsedUp(Duration.between(now, until)));
  }

  /** The 429 of a project whose request rate is used up for {@code wait}, in whole seconds rounded up (at least 1). */
  static MockResponse rateUsedUp(Duration wait) {
    long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    return Responses.json(429, Json.object("reason", "Too many requests: the project's request rate is used up",
        "remainingSeconds", seconds));
  }
}
