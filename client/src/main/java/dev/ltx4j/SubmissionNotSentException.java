package dev.ltx4j;

import org.jspecify.annotations.Nullable;

/**
 * A submission ended before its request left: its {@link SendFence} said no or failed. Nothing was sent and nothing
 * was paid for.
 */
public final class SubmissionNotSentException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public SubmissionNotSentException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
