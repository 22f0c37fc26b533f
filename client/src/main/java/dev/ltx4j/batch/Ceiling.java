package dev.ltx4j.batch;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team's concurrency ceiling as a worker knows it: given, read from the service, or learned from the first
 * concurrency refusal (a refused request was not received, so learning costs nothing but the refusal). Unknown, it
 * lets every line take a seat.
 */
final class Ceiling {
  private static final Logger LOG = LoggerFactory.getLogger(Ceiling.class);
  static final int UNKNOWN = Integer.MAX_VALUE;

  private final AtomicInteger value;
  /** While the ceiling is unknown, one submission at a time: finding it then costs one refusal, not one each. */
  private final java.util.concurrent.Semaphore probe = new java.util.concurrent.Semaphore(1, true);

  Ceiling(int known) {
    this.value = new AtomicInteger(known > 0 ? known : UNKNOWN);
  }

  int get() {
    return value.get();
  }

  /** A turn to send, held until the answer: only while the ceiling is unknown; close it once answered. */
  AutoCloseable sendTurn() throws InterruptedException {
    if (value.get() != UNKNOWN) {
      return () -> { };
    }
    probe.acquire();
    java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (held.compareAndSet(true, false)) {
        probe.release();
      }
    };
  }

  /** The service refused a submission for the ceiling, which it named (or the seats held then say). */
  void learn(int ceiling) {
    int learned = Math.max(1, ceiling);
    if (value.getAndSet(learned) != learned) {
      LOG.info("The team runs at most {} generations at once; lines wait for a seat", learned);
    }
  }
}
