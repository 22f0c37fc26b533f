package dev.ltx4j.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker waits on named schedules through the injected sleeper, so that a test asserts them without waiting. */
class WorkerScheduleTest {
  private final List<Duration> pauses = new ArrayList<>();
  private final WorkerTime time = new WorkerTime(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), delay -> {
    pauses.add(delay);
    return CompletableFuture.completedFuture(null);
  });

  @Test
  void asksAgainAfterPausesThatDoubleUpToTenSeconds() throws InterruptedException {
    AtomicInteger asked = new AtomicInteger();

    String answer = new StoreCalls(time).untilDone("read", () -> {
      if (asked.incrementAndGet() < 8) {
        throw new BatchStoreException("down");
      }
      return "up";
    });

    assertThat(answer).isEqualTo("up");
    assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void asksOnceWhenTheProtocolCanRedoIt() {
    Object answer = new StoreCalls(time).run("free a seat", () -> {
      throw new BatchStoreException("down");
    });

    assertThat(answer).isNull();
    assertThat(pauses).isEmpty();
  }

  @Test
  void aWorkerBeatsThreeTimesPerLeaseAndNeverMoreOftenThanEvery50Ms() {
    assertThat(BatchWorker.beatEvery(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(10));
    assertThat(BatchWorker.beatEvery(Duration.ofMillis(90))).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aPauseShorterThanAMillisecondIsAMillisecond() throws InterruptedException {
    time.pause(Duration.ZERO);

    assertThat(pauses).containsExactly(Duration.ofMillis(1));
  }
}
