package dev.ltx4j;

/**
 * The client was closed: a call made after {@link LtxClient#close()} was not sent, and a call or job wait still
 * running then was ended. A submission whose request may have left ends with
 * {@link SubmissionOutcomeUnknownException} instead, and a {@code generate} whose job exists with
 * {@link JobWaitStoppedException}.
 */
public final class ClientClosedException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public ClientClosedException(String message) {
    super(message);
  }
}
