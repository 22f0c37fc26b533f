package dev.ltx4j.batch;

import dev.ltx4j.Ltx4jException;

/** Another run holds the batch folder ({@link JournalStore}): nothing was sent. The message names the holder. */
public final class BatchFolderBusyException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public BatchFolderBusyException(String message) {
    super(message);
  }
}
