package dev.ltx4j.cli;

import org.jspecify.annotations.Nullable;

/** A failure a command explains in one line, with the exit code it ends with (see {@link ExitCodes}). */
final class CommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CommandException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  CommandException(int exitCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
