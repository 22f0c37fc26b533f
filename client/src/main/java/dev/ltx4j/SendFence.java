package dev.ltx4j;

/**
 * A last check before a paid request leaves, for a caller that must record "sending" before it pays: a batch ledger
 * whose line may have passed to another worker. It runs after every wait (the request budget's permit), on the
 * sending thread, immediately before the request is handed to the network, and again before each attempt of a
 * retry of a request that provably never left. Returning false, or throwing, abandons the submission unsent
 * ({@link SubmissionNotSentException}).
 */
@FunctionalInterface
public interface SendFence {
  /** Whether the request may still be sent now; typically records that it is being sent. */
  boolean maySend();
}
