package dev.ltx4j;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service answered, but not in a shape ltx4j can read (a body that does not decode, a success without the
 * object it must hold, a URL it must not follow). Not transient: the same request would get the same answer.
 */
public class UnexpectedResponseException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String bodyPrefix;

  public UnexpectedResponseException(String message) {
    this(message, null, null);
  }

  public UnexpectedResponseException(String message, @Nullable String bodyPrefix, @Nullable Throwable cause) {
    super(message, cause);
    this.bodyPrefix = bodyPrefix;
  }

  /** The first bytes of the answer's body as text (at most 256), when a body was there to read. */
  public Optional<String> bodyPrefix() {
    return Optional.ofNullable(bodyPrefix);
  }
}
