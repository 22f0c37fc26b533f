package dev.ltx4j.internal.limits;

/**
 * Which request gets the next permit of the budget when several wait, first to last. A paid submission keeps the
 * ceiling's slots busy and a download's fresh URL is awaited by a caller, so both go before the user's other calls,
 * which go before polls: a poll that waits a little only delays seeing a job finish.
 */
public enum Priority {
  SUBMIT,
  ASSET,
  CALL,
  POLL,
  /** Not an API call (a part sent to a presigned storage URL): it takes no permit. */
  UNMETERED
}
