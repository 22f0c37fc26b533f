package dev.ltx4j;

import org.jspecify.annotations.Nullable;

/** The root of every exception ltx4j throws; unchecked, like the rest of the tree. */
public class Ltx4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Ltx4jException(String message) {
    super(message);
  }

  public Ltx4jException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
