package dev.ltx4j.internal.http;

import java.io.IOException;

/** An I/O failure after the request started to go out: the server may have received and acted on it. */
public final class RequestMaybeSentException extends IOException {
  private static final long serialVersionUID = 1L;

  RequestMaybeSentException(IOException cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
  }
}
