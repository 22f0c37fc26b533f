package dev.ltx4j.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A batch's lines by state, what it spent, and who works on it.
 *
 * @param batchId the batch
 * @param source where its lines came from (the file, as its starter named it), when its starter said
 * @param lines how many lines it has
 * @param byState lines per state, every state present
 * @param charged creative units the service's answers said the batch's submissions cost (extra jobs included)
 * @param spent what the batch has committed: {@code charged}, plus the estimate of each line sent whose price is not
 *     known (on its way, or found by recovery); what a spending cap counts
 * @param quoted the estimate of every line, from the quote made before it started (0 when none was)
 * @param maxCredits the spending cap, when there is one
 * @param extraJobs jobs made for lines that had one already (a worker that sent late): kept, never dropped
 * @param stopped why the batch stopped sending (an account refusal, the cap), when it did
 * @param workers the workers that worked on it, live or not
 */
public record BatchStatus(String batchId, @Nullable String source, int lines, Map<LineState, Integer> byState,
    double charged, double spent, double quoted, @Nullable Double maxCredits, int extraJobs, @Nullable String stopped,
    List<Worker> workers) {

  /**
   * One worker of the batch.
   *
   * @param id its id
   * @param host where it runs
   * @param live whether its lease is current
   * @param linesOwned open lines it owns
   * @param seatsHeld generation seats its lines hold
   */
  public record Worker(String id, String host, boolean live, int linesOwned, int seatsHeld) {}

  /** Lines that are done, failed or waiting for a person: nothing more will happen to them by itself. */
  public int settled() {
    return byState.getOrDefault(LineState.DONE, 0) + byState.getOrDefault(LineState.FAILED, 0)
        + byState.getOrDefault(LineState.UNRESOLVED, 0);
  }

  /** Workers whose lease is current. */
  public long liveWorkers() {
    return workers.stream().filter(Worker::live).count();
  }

  /** What the cap leaves to spend, when there is a cap. */
  public OptionalDouble remaining() {
    Double cap = maxCredits;
    return cap == null ? OptionalDouble.empty() : OptionalDouble.of(Math.max(0, cap - spent));
  }

  /** Why the batch stopped sending, when it did. */
  public Optional<String> stoppedBecause() {
    return Optional.ofNullable(stopped);
  }
}
