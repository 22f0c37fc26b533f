package dev.ltx4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresRequestBudgetTest {
  static DataSource db;

  @BeforeAll
  static void database() {
    db = EmbeddedPg.freshDatabase("budget_test");
  }

  @Test
  void grantsTheLimitThenAnswersWithTheTimeUntilTheOldestPermitLeavesTheWindow() {
    try (PostgresStore store = PostgresStore.create(db)) {
      PostgresRequestBudget budget = store.requestBudget("grants", 3, Duration.ofSeconds(10));
      for (int i = 0; i < 3; i++) {
        assertThat(budget.tryTake(Instant.now())).isZero();
      }
      Duration wait = budget.tryTake(Instant.now());
      assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
      assertThat(store.roundTrips().budget()).isEqualTo(4);
    }
  }

  @Test
  void processesSharingTheStoreNeverTakeMoreThanTheLimitTogether() throws Exception {
    List<PostgresStore> processes = List.of(PostgresStore.create(db), PostgresStore.create(db), PostgresStore.create(db));
    ExecutorService threads = Executors.newFixedThreadPool(12);
    try {
      List<Callable<Integer>> takers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        PostgresRequestBudget budget = processes.get(i % 3).requestBudget("shared", 10, Duration.ofMinutes(1));
        takers.add(() -> {
          int granted = 0;
          for (int attempt = 0; attempt < 5; attempt++) {
            granted += budget.tryTake(Instant.now()).isZero() ? 1 : 0;
          }
          return granted;
        });
      }
      int total = 0;
      for (Future<Integer> granted : threads.invokeAll(takers)) {
        total += granted.get();
      }
      assertThat(total).isEqualTo(10);
    } finally {
      threads.shutdownNow();
      processes.forEach(PostgresStore::close);
    }
  }

  @Test
  void aPermitIsFreeAgainOnceItLeftTheWindow() throws Exception {
    try (PostgresStore store = PostgresStore.create(db)) {
      PostgresRequestBudget budget = store.requestBudget("slides", 2, Duration.ofMillis(400));
      assertThat(budget.tryTake(Instant.now())).isZero();
      assertThat(budget.tryTake(Instant.now())).isZero();
      Duration wait = budget.tryTake(Instant.now());
      assertThat(wait).isPositive();
      Thread.sleep(wait.toMillis() + 20);
      assertThat(budget.tryTake(Instant.now())).isZero();
    }
  }
}
