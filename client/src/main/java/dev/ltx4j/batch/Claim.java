package dev.ltx4j.batch;

/**
 * A line as one worker holds it: every change a worker asks of its store names the claim, and the store refuses it
 * once the line has passed to another worker (its epoch moved on), so that a worker that was paused, cut off or
 * declared dead cannot undo what the next owner did. This is the fencing token of the line's lease.
 *
 * @param line the line as it was when claimed
 * @param workerId the worker
 * @param epoch how many times the line was claimed before, this claim included
 */
public record Claim(BatchLine line, String workerId, long epoch) {
  /** The same claim over the line as it is now. */
  public Claim with(BatchLine now) {
    return new Claim(now, workerId, epoch);
  }
}
