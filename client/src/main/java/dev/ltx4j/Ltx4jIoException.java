package dev.ltx4j;

import java.io.IOException;

/** The network failed (connect, timeout, reset) after every retry the call was allowed. */
public final class Ltx4jIoException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public Ltx4jIoException(String message, IOException cause) {
    super(message, cause);
  }
}
