package dev.ltx4j.batch;

import dev.ltx4j.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The time a worker reads and the pauses it takes, both injected (as the client's own retries and polls are), so
 * that a test can run a worker's schedule in virtual time. Waits on a store's notifications are the store's own.
 */
record WorkerTime(Clock clock, Sleeper sleeper) {
  Instant now() {
    return clock.instant();
  }

  /** Blocks this thread for {@code duration} (a millisecond at least, so that no loop spins); an interrupt ends it. */
  void pause(Duration duration) throws InterruptedException {
    CompletableFuture<Void> slept = sleeper.sleep(duration.toMillis() < 1 ? Duration.ofMillis(1) : duration);
    try {
      slept.get();
    } catch (InterruptedException e) {
      slept.cancel(false);
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("the sleeper failed: " + e.getMessage(), e);
    }
  }
}
