package dev.ltx4j;

/**
 * A submission ended before its request left: its {@link SendFence} said no or failed. Nothing was sent and nothing
 * was paid for.
 */
public final class SubmissionNotSentException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public SubmissionNotSentException(String message, Throwable cause) {
    super(message, cause);
  }
}
