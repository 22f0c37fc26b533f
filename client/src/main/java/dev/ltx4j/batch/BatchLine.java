package dev.ltx4j.batch;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One line of a batch as its store holds it.
 *
 * @param batchId the batch
 * @param line the line's number in its file
 * @param request the line's request as the batch file wrote it (JSON)
 * @param requestKey a digest that is equal for equal requests ({@link RequestKey})
 * @param state where it stands
 * @param sentAt when its latest submission was sent, by the store's clock (from {@link LineState#SUBMITTING} on),
 *     else null
 * @param jobId its job (from {@link LineState#SUBMITTED} on), else null
 */
public record BatchLine(String batchId, int line, String request, String requestKey, LineState state,
    @Nullable Instant sentAt, @Nullable String jobId) {
  /** The job id, once recorded. */
  public Optional<String> job() {
    return Optional.ofNullable(jobId);
  }

  /** The same line in another state. */
  public BatchLine with(LineState state, @Nullable Instant sentAt, @Nullable String jobId) {
    return new BatchLine(batchId, line, request, requestKey, state, sentAt, jobId);
  }

  /** The key a line's generation seat is held under, the same for whichever worker continues it. */
  public String seatKey() {
    return "batch:" + batchId + ":" + line;
  }
}
