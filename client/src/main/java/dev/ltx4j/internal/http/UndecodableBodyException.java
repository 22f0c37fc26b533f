package dev.ltx4j.internal.http;

import java.io.IOException;

/** An answer arrived but could not be decoded into what the call expects. */
public final class UndecodableBodyException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String bodyPrefix;

  UndecodableBodyException(Throwable cause, String bodyPrefix) {
    super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    this.bodyPrefix = bodyPrefix;
  }

  /** The body's first bytes as text, or null when none could be kept. */
  public String bodyPrefix() {
    return bodyPrefix;
  }
}
