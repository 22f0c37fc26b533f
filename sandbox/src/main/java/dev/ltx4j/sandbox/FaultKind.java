package dev.ltx4j.sandbox;

/** The faults the sandbox injects, as {@link Counters#faults(FaultKind)} counts them. */
public enum FaultKind {
  /** The connection was reset after the request was read, before anything was done. */
  RESET,
  /** A 5xx was answered instead. */
  SERVER_ERROR,
  /** A 429 was answered instead. */
  RATE_LIMIT,
  /** The request was handled, then its answer's body was cut halfway and the connection closed. */
  BODY_CUT,
  /** The request was handled, then its answer's body was sent a few bytes at a time. */
  TRICKLE,
  /** A generation job was created, then the connection reset instead of answering. */
  RESET_AFTER_ACCEPT,
  /** A CDN download was cut halfway through its {@code Content-Length}. */
  TRUNCATED_DOWNLOAD,
  /** A new generation job was set to end in {@code failure}. */
  JOB_FAILURE
}
