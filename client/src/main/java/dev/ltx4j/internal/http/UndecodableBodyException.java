package dev.ltx4j.internal.http;

import java.io.IOException;

/** An answer arrived whole but could not be decoded into what the call expects. */
public final class UndecodableBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  UndecodableBodyException(Throwable cause) {
    super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
  }
}
