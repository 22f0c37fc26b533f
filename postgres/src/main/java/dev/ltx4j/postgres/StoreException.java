package dev.ltx4j.postgres;

import dev.ltx4j.Ltx4jException;

/** The PostgreSQL store failed to answer: the message names the statement's error; the cause is the SQL one. */
public final class StoreException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
