package dev.ltx4j.batch;

import dev.ltx4j.Ltx4jException;

/** A batch store could not be read or written (a database that is down, a journal that cannot be written). */
public class BatchStoreException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public BatchStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure with no underlying cause (a journal that holds something else). */
  public BatchStoreException(String message) {
    super(message);
  }
}
