package dev.ltx4j.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a batch's lines, its workers' leases and the fleet's generation seats are kept: the one protocol of
 * {@link BatchWorker} over two stores, a journal in a folder ({@link JournalStore}, one machine) and PostgreSQL
 * ({@code ltx4j-postgres}, many). Both pass the same contract tests.
 *
 * <p>The protocol a store guarantees:
 * <ul>
 *   <li>A line is owned by at most one worker with a current lease. {@link #claim} takes lines that are unowned or
 *       whose owner's lease lapsed, and moves each one's epoch on: the {@link Claim} is the line's fencing token.
 *   <li>Every change names the claim, and is refused once the line passed to a later claim. The one exception is a
 *       job: {@link #markSubmitted} records it whoever sends it, on the line when the line is still waiting for
 *       one, else as an extra job of the line, so that a job paid for is never dropped.
 *   <li>{@link #markSubmitting} is stored before a paid request leaves, stamped with the store's clock, and refused
 *       when the batch stopped or the request would pass its spending cap.
 *   <li>Seats ({@link #takeSeat}) go first come, first served among all the workers and batches that wait, and a
 *       seat whose line is settled, or unsent with its owner gone, is free again.
 * </ul>
 * Every method may throw a {@link BatchStoreException} when the store cannot be reached: the worker waits and asks
 * again; nothing is sent that could not be recorded first.
 */
public interface BatchStore extends AutoCloseable {
  /** What {@link #markSubmitting} decided. */
  enum Mark {
    /** Stored: the request may leave now. */
    SENDING,
    /** The claim is stale (the line passed to another worker) or the line is not pending: send nothing. */
    LOST,
    /** The line holds no seat (it was taken back while its worker's lease had lapsed): send nothing, wait for one. */
    NO_SEAT,
    /** The batch stopped sending (an account refusal, by any of its workers): send nothing. */
    STOPPED,
    /** The request would take the batch past its spending cap: send nothing. */
    OVER_CAP
  }

  /** What {@link #markSubmitted} did with a job. */
  enum Recorded {
    /** The job is the line's. */
    LINE,
    /** The line had a job already (another worker's, or recovery's): this one is kept as an extra job of the line. */
    EXTRA,
    /** Another line holds the job already (recovery took it for that line): nothing was recorded. */
    HELD_ELSEWHERE
  }

  /** The store's clock: sending times and leases are read on it, so that machines whose clocks differ agree. */
  Instant now();

  /**
   * Records a batch and its lines unless one with this id exists; true when this call made it.
   *
   * @param maxCredits the spending cap, or null for none
   */
  boolean create(String batchId, String source, List<NewLine> lines, @Nullable Double maxCredits);

  /** Batches with lines still to work on, oldest first. */
  List<String> openBatches();

  /** Every batch, newest first. */
  List<String> batches();

  /** Where the batch stands; empty when there is no such batch. */
  Optional<BatchStatus> status(String batchId);

  /** Stops the batch's spending for good, for {@code reason}: no line of it is marked sending any more. */
  void stop(String batchId, String reason);

  /**
   * Records the worker, working on {@code batchId} (or on every open batch when null); its lease is current from now
   * for the timeout its claims pass.
   */
  void register(String workerId, @Nullable String batchId, String host);

  /**
   * What a heartbeat learned: whether the worker's record is still there, and how many lines of the batch are under
   * way (sent, or holding a seat) with no worker holding a current lease: lines a live worker should take over.
   */
  record Beat(boolean known, int orphans) {}

  /** Renews the worker's lease, and counts the orphaned lines of {@code batchId} (none when null) in the same step. */
  Beat heartbeat(String workerId, @Nullable String batchId, Duration timeout);

  /** The worker stops cleanly: its open lines are unowned at once, and its record goes. */
  void leave(String workerId);

  /**
   * Gives {@code workerId} up to {@code limit} open lines of the batch that no worker with a current lease owns
   * (a lease lasts {@code timeout} after its last renewal), lowest first. With {@code underWayOnly}, only lines
   * sent already or holding a seat: lines of a dead worker that hold seats of the shared ceiling.
   */
  List<Claim> claim(String batchId, String workerId, Duration timeout, int limit, boolean underWayOnly);

  /** The line as it is now. */
  Optional<BatchLine> line(String batchId, int line);

  /**
   * Marks the claimed line {@link LineState#SUBMITTING} with the store's time, just before its paid request
   * leaves: from pending, or again from submitting for a retry of a request that never left; only while the line
   * holds its seat. The line's estimate counts against the spending cap until its price is known.
   */
  Mark markSubmitting(Claim claim);

  /**
   * The claimed line's request got no answer (its outcome is unknown): it is no longer on its way, and recovery
   * takes over. A line claimed by another worker is not on its way either.
   */
  boolean markUnanswered(Claim claim);

  /** Nothing was sent (or recovery found nothing after its grace): the claimed line is pending again. */
  boolean markPending(Claim claim);

  /**
   * Records the line's job and its price ({@code credits}, or null when unknown): on the line when it still waits
   * for one, whoever sends it (so a late answer of a worker that lost the line still lands), else as an extra job.
   */
  Recorded markSubmitted(Claim claim, String jobId, @Nullable Double credits);

  /** The claimed line's video is saved as {@code file}. */
  boolean markDone(Claim claim, String file);

  /** The claimed line failed for good. */
  boolean markFailed(Claim claim, String error);

  /** Recovery cannot tell which job is the line's: a person must (the error names the candidates). */
  boolean markUnresolved(Claim claim, String error);

  /** A person saved the unresolved line's video by hand as {@code file}: the line is done; false if not unresolved. */
  boolean resolve(String batchId, int line, String file);

  /** The worker gives the line up (it could not go on with it now): the next claim may take it. */
  boolean disown(Claim claim);

  /** Whether {@code claim} is still the line's current one (asked before work a passed-on line would repeat). */
  boolean owns(Claim claim);

  /** Which of {@code jobIds} some line (of any batch) holds already, as its job or an extra. */
  Set<String> heldJobIds(Collection<String> jobIds);

  /** Lines of the batch with this request that were sent and have no job recorded. */
  int waitingWithRequest(String batchId, String requestKey);

  /**
   * Whether a line of the batch with this request, other than {@code line}, is on its way: marked sending, not yet
   * answered nor given up, by a worker with a current lease. Its job may exist with its answer on the way, so
   * recovery must not take it for another line.
   */
  boolean inFlightWithRequest(String batchId, String requestKey, int line, Duration timeout);

  /**
   * Takes a generation seat for the claimed line if one of {@code ceiling} is free and no one who asked earlier
   * still waits; true also when the line holds one already (a line taken over keeps its seat).
   */
  boolean takeSeat(Claim claim, int ceiling);

  /**
   * Gives the claimed line a seat whatever the ceiling and whoever waits: its job runs at the service already (a
   * line continued after its worker died), so it holds a place of the ceiling there.
   */
  void holdSeat(Claim claim);

  /** Frees the line's seat, if it holds one. */
  void releaseSeat(BatchLine line);

  /**
   * Waits until something may have changed for an idle worker (a line given up or left by a worker, a batch
   * stopped) or {@code max} passed.
   */
  void awaitChange(Duration max) throws InterruptedException;

  /**
   * Waits until a seat may be free for {@code line} (one was freed, or handed to it), or {@code max} passed: a store
   * that hands a freed seat straight to the line that asked first wakes that line alone. True when the line now
   * holds a seat for certain (it was handed to it): it need not ask.
   */
  boolean awaitSeat(BatchLine line, Duration max) throws InterruptedException;

  @Override
  void close();
}
