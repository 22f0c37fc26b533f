package dev.ltx4j.internal.call;

import org.jspecify.annotations.Nullable;

/** What callers read of a failure: its message, never an internal class name, and the cause they look for. */
public final class Failures {
  private Failures() {}

  /** The failure's message; its simple class name only when it has none. */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /** The first throwable of type {@code type} in {@code failure}'s cause chain, or null. */
  public static <E extends Throwable> @Nullable E causeOf(Throwable failure, Class<E> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
