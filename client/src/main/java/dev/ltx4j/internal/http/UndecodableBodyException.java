package dev.ltx4j.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** An answer arrived but could not be decoded into what the call expects. */
public final class UndecodableBodyException extends IOException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String bodyPrefix;

  UndecodableBodyException(Throwable cause, byte @Nullable [] bodyPrefix) {
    super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    this.bodyPrefix = bodyPrefix == null ? null : new String(bodyPrefix, StandardCharsets.UTF_8);
  }

  /** The body's first bytes as text, or null when none could be kept. */
  public @Nullable String bodyPrefix() {
    return bodyPrefix;
  }
}
