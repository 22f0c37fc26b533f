package dev.ltx4j.postgres;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of a batch as the ledger holds it.
 *
 * @param batchId the batch
 * @param line the line's number in its file
 * @param request the line's request as the batch file wrote it (JSON)
 * @param requestKey a digest that is equal for equal requests
 * @param state where it stands
 * @param sentAt when its submission was sent (set from {@link LineState#SUBMITTING} on), else null
 * @param jobId its job (set from {@link LineState#SUBMITTED} on), else null
 */
public record BatchLine(String batchId, int line, String request, String requestKey, LineState state,
    Instant sentAt, String jobId) {
  /** The job id, once recorded. */
  public Optional<String> job() {
    return Optional.ofNullable(jobId);
  }
}
