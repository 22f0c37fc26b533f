package dev.ltx4j;

/**
 * The generation slots of a team: Scenario runs a limited number of its generations at once (its concurrency
 * ceiling) and answers further submissions with 429. A client takes a slot before each submission and frees it as
 * soon as it sees the job finished, so that a batch keeps every slot busy without being refused.
 *
 * <p>A client counts its slots in memory unless its builder is given others: another client's
 * ({@link LtxClient#jobSlots()}) to share them in one process, or an implementation of this interface over a shared
 * store to share the ceiling between processes. Implementations must be thread-safe.
 */
public interface JobSlots {
  /**
   * Takes a slot for the submission {@code key} if fewer than {@code ceiling} are taken; false when none is free.
   * Taking again with a key that holds a slot returns true without taking another.
   */
  boolean tryTake(String key, int ceiling);

  /** The submission {@code key} created the job {@code jobId}: its slot is now held by the job. */
  void bind(String key, String jobId);

  /** Frees the slot held by a submission key or a job id (a job seen finished); false when it held none. */
  boolean release(String keyOrJobId);

  /** How many slots are taken. */
  int taken();
}
