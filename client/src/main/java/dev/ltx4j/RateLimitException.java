package dev.ltx4j;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * HTTP 429: a rate or concurrency limit was hit, and the retries the call was allowed did not get through.
 * {@link #retryAfter()} is the server's hint: {@code Retry-After} (seconds or an HTTP date) or else the body's
 * {@code remainingSeconds}.
 */
public final class RateLimitException extends ApiException {
  private static final long serialVersionUID = 1L;
  private final transient @Nullable Duration retryAfter;

  public RateLimitException(
      String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers,
      @Nullable Duration retryAfter) {
    super(operation, statusCode, body, headers);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether this is the team's concurrency ceiling (too many generations running, {@code details.actionLimit} or
   * {@code details.actionName}) rather than the project's request rate.
   */
  public boolean isConcurrencyLimit() {
    return body().details().containsKey("actionLimit") || body().details().containsKey("actionName");
  }

  /** The concurrency limit that was reached ({@code details.actionLimit}), when the server said. */
  public OptionalInt actionLimit() {
    Object limit = body().details().get("actionLimit");
    return limit instanceof Number number ? OptionalInt.of(number.intValue()) : OptionalInt.empty();
  }
}
