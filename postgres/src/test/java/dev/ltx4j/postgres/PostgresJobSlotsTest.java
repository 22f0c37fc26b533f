package dev.ltx4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresJobSlotsTest {
  static DataSource db;

  @BeforeAll
  static void database() {
    db = EmbeddedPg.freshDatabase("slots_test");
  }

  @Test
  void concurrentTakersFromSeveralProcessesGetNoMoreSeatsThanTheCeiling() throws Exception {
    List<PostgresStore> processes = List.of(PostgresStore.create(db), PostgresStore.create(db));
    ExecutorService threads = Executors.newFixedThreadPool(10);
    try {
      List<Callable<Boolean>> takers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        PostgresJobSlots slots = processes.get(i % 2).jobSlots("race", 3);
        String key = "key-" + i;
        takers.add(() -> slots.tryTake(key, 3));
      }
      long granted = 0;
      for (Future<Boolean> took : threads.invokeAll(takers)) {
        granted += took.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(3);
      assertThat(processes.get(0).jobSlots("race", 3).taken()).isEqualTo(3);
    } finally {
      threads.shutdownNow();
      processes.forEach(PostgresStore::close);
    }
  }

  @Test
  void aKeyTakesOneSeatItsJobHoldsItAndReleasingTheJobFreesIt() {
    try (PostgresStore store = PostgresStore.create(db)) {
      PostgresJobSlots slots = store.jobSlots("lifecycle", 1);
      assertThat(slots.tryTake("submission-1", 1)).isTrue();
      assertThat(slots.tryTake("submission-1", 1)).as("the same key again").isTrue();
      assertThat(slots.tryTake("submission-2", 1)).isFalse();
      slots.bind("submission-1", "job-1");
      assertThat(slots.release("submission-1")).isFalse();
      assertThat(slots.release("job-1")).isTrue();
      assertThat(slots.tryTake("submission-2", 1)).isTrue();
      assertThat(slots.taken()).isEqualTo(1);
    }
  }

  @Test
  void neverGrantsAboveTheStoreCeilingEvenWhenTheClientProbes() {
    try (PostgresStore store = PostgresStore.create(db)) {
      PostgresJobSlots slots = store.jobSlots("probe", 2);
      assertThat(slots.tryTake("a", Integer.MAX_VALUE)).isTrue();
      assertThat(slots.tryTake("b", Integer.MAX_VALUE)).isTrue();
      assertThat(slots.tryTake("c", Integer.MAX_VALUE)).isFalse();
    }
  }

  @Test
  void aSeatWhoseKeyWasNeverBoundIsFreeAgainAfterItsExpiry() throws Exception {
    try (PostgresStore store = PostgresStore.create(db)) {
      PostgresJobSlots slots = store.jobSlots("expiry", 1, Duration.ofMillis(200), Duration.ofHours(1));
      assertThat(slots.tryTake("died-mid-submit", 1)).isTrue();
      assertThat(slots.tryTake("next", 1)).isFalse();
      Thread.sleep(300);
      assertThat(slots.tryTake("next", 1)).isTrue();
    }
  }
}
