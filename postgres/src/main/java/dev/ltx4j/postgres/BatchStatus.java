package dev.ltx4j.postgres;

import java.util.Map;

/**
 * A batch's lines by state, and what its recorded submissions cost.
 *
 * @param batchId the batch
 * @param source where its lines came from (the file, as the starter named it)
 * @param lines how many lines it has
 * @param byState lines per state, every state present
 * @param credits creative units the service charged for the batch's submissions, as their answers said (jobs found by
 *     recovery carry no price and add nothing)
 * @param liveWorkers workers of this batch whose heartbeat is recent
 */
public record BatchStatus(String batchId, String source, int lines, Map<LineState, Integer> byState, double credits,
    int liveWorkers) {
  /** Lines that are done, failed or waiting for a person: nothing more will happen to them by itself. */
  public int settled() {
    return byState.get(LineState.DONE) + byState.get(LineState.FAILED) + byState.get(LineState.UNRESOLVED);
  }
}
