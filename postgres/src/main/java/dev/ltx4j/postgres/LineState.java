package dev.ltx4j.postgres;

import java.util.Locale;

/** Where a batch line stands in the ledger. */
public enum LineState {
  /** Nothing was sent for it. */
  PENDING,
  /** Marked (and committed) just before its paid submission was sent; whether a job came of it is not known yet. */
  SUBMITTING,
  /** Its job id is recorded. */
  SUBMITTED,
  /** Its video is saved. */
  DONE,
  /** Its job failed or was canceled; the error is recorded. */
  FAILED,
  /** Recovery found more matching jobs than it could explain; a person must say which one is the line's. */
  UNRESOLVED;

  String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  static LineState of(String sql) {
    return valueOf(sql.toUpperCase(Locale.ROOT));
  }
}
