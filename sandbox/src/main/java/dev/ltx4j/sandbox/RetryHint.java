package dev.ltx4j.sandbox;

/** How a simulated 429 tells the client when to come back. */
public enum RetryHint {
  /** A {@code Retry-After} header in seconds. */
  RETRY_AFTER_HEADER,
  /** A {@code remainingSeconds} field in the JSON body, as one Scenario client reads it. */
  REMAINING_SECONDS,
  /** Neither: the client falls back to its own backoff. */
  BARE
}
