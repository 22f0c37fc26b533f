package dev.ltx4j.internal;

import dev.ltx4j.UnexpectedResponseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the client needs from a successful answer. The spec lets most fields of an answer be absent; one the
 * client cannot go on without makes the answer unusable, an {@link UnexpectedResponseException} naming the field,
 * never a {@code NullPointerException} further on.
 */
public final class Answers {
  private Answers() {}

  /** {@code value}, which {@code operation}'s answer holds as {@code field}; fails when the answer left it out. */
  public static <T> T required(@Nullable T value, String operation, String field) {
    if (value == null) {
      throw new UnexpectedResponseException(operation + " answered without " + field);
    }
    return value;
  }
}
