package dev.ltx4j;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An answer about something other than what was asked: a job read answered with another job, an asset read with
 * another asset (a cache or proxy that mixed answers up, or a hostile server). It is never used as the answer; a job
 * wait reads its job once more, and gives up with {@link JobUnreadableException} if that is wrong again.
 */
public final class MisroutedAnswerException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;
  private final String askedFor;
  private final @Nullable String answeredFor;

  public MisroutedAnswerException(String operation, String askedFor, @Nullable String answeredFor) {
    super(operation + " answered about " + (answeredFor == null ? "an object without an id" : answeredFor)
        + " instead of " + askedFor + "; the answer was not used");
    this.askedFor = askedFor;
    this.answeredFor = answeredFor;
  }

  /** The id that was asked for. */
  public String askedFor() {
    return askedFor;
  }

  /** The id the answer was about; empty when it named none. */
  public Optional<String> answeredFor() {
    return Optional.ofNullable(answeredFor);
  }
}
