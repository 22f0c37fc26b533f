package dev.ltx4j;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An error body as the service sent it. Scenario usually sends {@code reason}, sometimes {@code message},
 * {@code error} or {@code detail}; a 429 may add {@code remainingSeconds} and {@code details}.
 *
 * @param reason the {@code reason} field, or null
 * @param message the {@code message} field, or null
 * @param error the {@code error} field, or null
 * @param detail the {@code detail} field, or null
 * @param details the {@code details} object, empty when absent
 * @param raw the body text (at most 2,000 characters), for bodies that are not JSON, else null
 */
public record ErrorBody(
    @Nullable String reason, @Nullable String message, @Nullable String error, @Nullable String detail,
    Map<String, Object> details, @Nullable String raw) {

  public ErrorBody {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** The most specific text the body has: {@code reason}, then {@code message}, {@code error}, {@code detail}. */
  public Optional<String> text() {
    for (String candidate : new String[] {reason, message, error, detail}) {
      if (candidate != null && !candidate.isBlank()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
