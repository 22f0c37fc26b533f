package dev.ltx4j;

/**
 * The service answered, but not in a shape ltx4j can read (a body that does not decode, a success without the
 * object it must hold, a URL it must not follow). Not transient: the same request would get the same answer.
 */
public class UnexpectedResponseException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public UnexpectedResponseException(String message) {
    super(message);
  }

  public UnexpectedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
