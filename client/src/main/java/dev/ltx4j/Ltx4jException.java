package dev.ltx4j;

/** The root of every exception ltx4j throws; unchecked, like the rest of the tree. */
public class Ltx4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Ltx4jException(String message) {
    super(message);
  }

  public Ltx4jException(String message, Throwable cause) {
    super(message, cause);
  }
}
