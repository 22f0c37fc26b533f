package dev.ltx4j;

/**
 * A request was refused before anything was sent or paid for. {@link #parameter()} names the field at fault; the
 * message also gives the value and the allowed values.
 */
public final class InvalidRequestException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final String parameter;

  public InvalidRequestException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** The name of the parameter at fault, as it travels in JSON (e.g. {@code duration}). */
  public String parameter() {
    return parameter;
  }
}
