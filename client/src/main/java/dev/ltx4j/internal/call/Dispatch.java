package dev.ltx4j.internal.call;

/** Where a call's requests are sent from. */
public enum Dispatch {
  /** OkHttp's dispatcher threads; the caller gets a future at once (the async methods). */
  ASYNC,
  /** The calling thread, which blocks until the call ends (the blocking methods: no hop to another thread). */
  CALLER_THREAD
}
