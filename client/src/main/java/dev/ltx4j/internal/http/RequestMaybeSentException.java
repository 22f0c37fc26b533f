package dev.ltx4j.internal.http;

import java.io.IOException;

/**
 * A failure after the request started to go out: the server may have received and acted on it. That covers the
 * answer too: a body that broke off, timed out, passed the size limit or did not decode.
 */
public final class RequestMaybeSentException extends IOException {
  private static final long serialVersionUID = 1L;

  RequestMaybeSentException(IOException cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
  }
}
