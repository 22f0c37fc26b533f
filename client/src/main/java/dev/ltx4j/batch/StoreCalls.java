package dev.ltx4j.batch;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to a batch store that may be down for a while: {@link #untilDone} asks again with back-off until the store
 * answers (a job id in hand is never dropped), {@link #run} asks once. A failure is one log line, never a stack trace
 * per attempt, and never ends the thread that asked.
 */
final class StoreCalls {
  private static final Logger LOG = LoggerFactory.getLogger(StoreCalls.class);
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  private final WorkerTime time;

  StoreCalls(WorkerTime time) {
    this.time = time;
  }

  /** {@code call}'s answer, asking again while the store fails; only an interrupt ends the wait. */
  <T> T untilDone(String what, Supplier<T> call) throws InterruptedException {
    Duration pause = FIRST_PAUSE;
    for (int failures = 1; ; failures++) {
      try {
        T answer = call.get();
        if (failures > 1) {
          LOG.info("The batch store answered again ({})", what);
        }
        return answer;
      } catch (BatchStoreException e) {
        if (failures == 1 || failures % 10 == 0) {
          LOG.warn("The batch store failed to {} ({}); asking again every {} s at most", what, e.getMessage(),
              LONGEST_PAUSE.toSeconds());
        }
      }
      time.pause(pause);
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
  }

  /** {@code call}'s answer, or null when the store failed (logged in one line): for what the protocol can redo. */
  <T> @Nullable T run(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (BatchStoreException e) {
      LOG.warn("The batch store failed to {} ({}); the protocol redoes it later", what, e.getMessage());
      return null;
    }
  }
}
