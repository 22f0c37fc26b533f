package dev.ltx4j.internal.http;

import java.io.IOException;

/** An answer's body passed the client's size limit; raised while reading it, so it travels as an I/O failure. */
public final class ResponseTooLargeIOException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long limit;

  ResponseTooLargeIOException(long limit) {
    super("the response body is larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
