package dev.ltx4j.batch;

import java.util.Locale;

/** Where a batch line stands. */
public enum LineState {
  /** Nothing was sent for it, or what was sent was refused. */
  PENDING,
  /** Marked (and stored) just before its paid submission was sent; whether a job came of it is not known yet. */
  SUBMITTING,
  /** Its job id is recorded. */
  SUBMITTED,
  /** Its video is saved. */
  DONE,
  /** Its job failed or was canceled, or the service refused its request for good; the error is recorded. */
  FAILED,
  /** Recovery found more matching jobs than it could explain; a person must say which one is the line's. */
  UNRESOLVED;

  /** Whether nothing more will happen to the line by itself. */
  public boolean settled() {
    return this == DONE || this == FAILED || this == UNRESOLVED;
  }

  /** The state's name as stores write it: {@code pending}, {@code submitting} … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a stored name stands for. */
  public static LineState ofWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
