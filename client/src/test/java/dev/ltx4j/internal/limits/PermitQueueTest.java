package dev.ltx4j.internal.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PermitQueueTest {
  private final ManualTime time = new ManualTime();
  /** Two permits in each minute of the clock, so that the queue's order is all that is tested. */
  private final RequestBudget budget = new RequestBudget() {
    private long minute = -1;
    private int taken;

    @Override
    public Duration tryTake(Instant now) {
      long current = now.getEpochSecond() / 60;
      if (current != minute) {
        minute = current;
        taken = 0;
      }
      if (taken < 2) {
        taken++;
        return Duration.ZERO;
      }
      return Duration.ofSeconds(60 - now.getEpochSecond() % 60);
    }
  };
  private final PermitQueue queue = new PermitQueue(budget, time, time);
  private final List<String> order = new ArrayList<>();

  private CompletableFuture<Void> ask(Priority priority, String name) {
    CompletableFuture<Void> permit = queue.acquire(priority, null);
    permit.thenRun(() -> order.add(name));
    return permit;
  }

  @Test
  void permitsGoByPriorityThenFirstComeFirstServedOnceTheBudgetIsSpent() {
    ask(Priority.POLL, "poll 1");
    ask(Priority.POLL, "poll 2");
    ask(Priority.POLL, "poll 3");
    ask(Priority.CALL, "call");
    ask(Priority.POLL, "poll 4");
    ask(Priority.SUBMIT, "submit");
    ask(Priority.ASSET, "asset");

    assertThat(order).containsExactly("poll 1", "poll 2");
    time.advance(Duration.ofMinutes(1));
    assertThat(order).containsExactly("poll 1", "poll 2", "submit", "asset");
    time.advance(Duration.ofMinutes(1));
    assertThat(order).containsExactly("poll 1", "poll 2", "submit", "asset", "call", "poll 3");
    assertThat(queue.granted()).isEqualTo(6);
  }

  @Test
  void aPartForAPresignedUrlTakesNoPermit() {
    ask(Priority.POLL, "poll 1");
    ask(Priority.POLL, "poll 2");
    queue.holdUntil(time.instant().plusSeconds(30));

    assertThat(queue.acquire(Priority.UNMETERED, null)).isDone();
    assertThat(queue.granted()).isEqualTo(2);
  }

  @Test
  void aRateLimitHoldsEveryPermitUntilTheServersTimeIsUp() {
    queue.holdUntil(time.instant().plusSeconds(7));
    CompletableFuture<Void> submit = ask(Priority.SUBMIT, "submit");

    time.advance(Duration.ofMillis(6_999));
    assertThat(submit).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(submit).isDone();
  }

  @Test
  void aWaiterEndsAtItsDeadlineWithoutTakingAPermit() {
    ask(Priority.POLL, "poll 1");
    ask(Priority.POLL, "poll 2");
    CompletableFuture<Void> late = queue.acquire(Priority.POLL, time.instant().plusSeconds(5));

    time.advance(Duration.ofSeconds(5));
    assertThat(late).as("released at its deadline, for the caller to see it passed").isDone();
    assertThat(queue.granted()).isEqualTo(2);
    time.advance(Duration.ofMinutes(1));
    assertThat(budget.tryTake(time.instant())).as("the permit it did not take is still there").isZero();
  }

  @Test
  void aCanceledWaiterGivesItsPlaceToTheNext() {
    ask(Priority.POLL, "poll 1");
    ask(Priority.POLL, "poll 2");
    CompletableFuture<Void> canceled = ask(Priority.SUBMIT, "canceled");
    ask(Priority.POLL, "poll 3");

    canceled.cancel(false);
    time.advance(Duration.ofMinutes(1));
    assertThat(order).containsExactly("poll 1", "poll 2", "poll 3");
  }

  @Test
  void aFailingSharedBudgetIsAskedAgainInsteadOfLosingWaiters() {
    int[] calls = {0};
    PermitQueue flaky = new PermitQueue(now -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("store down");
      }
      return Duration.ZERO;
    }, time, time);

    CompletableFuture<Void> permit = flaky.acquire(Priority.CALL, null);
    assertThat(permit).isNotDone();
    time.advance(Duration.ofSeconds(1));
    assertThat(permit).isDone();
  }

  @Test
  void aCallerThatQueuesWhileTheBudgetIsBeingAskedIsNotHeldByIt() throws Exception {
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    PermitQueue slow = new PermitQueue(now -> {
      asked.countDown();
      try {
        answer.await(); // a shared budget whose database is slow to answer
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Duration.ZERO;
    }, time, time);
    Thread first = new Thread(() -> slow.acquire(Priority.CALL, null));
    first.start();
    asked.await();

    long start = System.nanoTime();
    CompletableFuture<Void> second = slow.acquire(Priority.CALL, null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    answer.countDown();
    first.join();

    assertThat(took).as("acquire returned while the budget was being asked").isLessThan(Duration.ofMillis(500));
    second.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(slow.granted()).isEqualTo(2);
  }
}
