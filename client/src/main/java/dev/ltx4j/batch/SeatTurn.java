package dev.ltx4j.batch;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread's turn to claim a line and ask for its seat; released once, when the seat is held or not needed. One
 * thread of a worker at a time holds it, so that a worker neither hoards lines it cannot send nor asks its store for a
 * seat once per waiting thread.
 */
final class SeatTurn {
  private final Semaphore turns;
  private final AtomicBoolean held = new AtomicBoolean();

  private SeatTurn(Semaphore turns, boolean held) {
    this.turns = turns;
    this.held.set(held);
  }

  /** Waits for the worker's turn among {@code turns}. */
  static SeatTurn take(Semaphore turns) throws InterruptedException {
    turns.acquire();
    return new SeatTurn(turns, true);
  }

  /** No turn to wait for: a line under way holds its seat, or is sent as soon as it has one. */
  static SeatTurn none() {
    return new SeatTurn(new Semaphore(0), false);
  }

  void release() {
    if (held.compareAndSet(true, false)) {
      turns.release();
    }
  }
}
