package dev.ltx4j;

/**
 * An API answer was larger than the client reads ({@link LtxClientBuilder#maxResponseBytes(long)}); nothing of it
 * was kept. Not retried: the same request would get the same answer.
 */
public final class ResponseTooLargeException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;
  private final long limit;

  public ResponseTooLargeException(String message, long limit, Throwable cause) {
    super(message, null, cause);
    this.limit = limit;
  }

  /** The limit in bytes that the answer passed. */
  public long limit() {
    return limit;
  }
}
