package dev.ltx4j.internal.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowBudgetTest {
  private static final Instant T0 = Instant.parse("2026-07-29T10:00:00Z");

  @Test
  void aFullMinuteSaysWhenItsOldestPermitLeaves() {
    SlidingWindowBudget budget = new SlidingWindowBudget(3, Duration.ofMinutes(1));

    assertThat(budget.tryTake(T0)).isZero();
    assertThat(budget.tryTake(T0.plusSeconds(10))).isZero();
    assertThat(budget.tryTake(T0.plusSeconds(20))).isZero();
    assertThat(budget.tryTake(T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(budget.tryTake(T0.plusSeconds(59))).isEqualTo(Duration.ofSeconds(1));
    assertThat(budget.tryTake(T0.plusSeconds(60))).as("the first permit left the window").isZero();
    assertThat(budget.tryTake(T0.plusSeconds(60))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aBurstTakesAtMostASixthOfTheMinuteIn10Seconds() {
    SlidingWindowBudget budget = new SlidingWindowBudget(90, Duration.ofMinutes(1));

    for (int i = 0; i < 15; i++) {
      assertThat(budget.tryTake(T0.plusMillis(i))).isZero();
    }
    assertThat(budget.tryTake(T0.plusSeconds(1))).as("the 16th waits for the first to leave the 10 s")
        .isEqualTo(Duration.ofSeconds(9));
    assertThat(budget.tryTake(T0.plusSeconds(10))).isZero();
  }

  @Test
  void noSlidingMinuteEverHoldsMoreThanTheLimit() {
    SlidingWindowBudget budget = new SlidingWindowBudget(90, Duration.ofMinutes(1));
    java.util.List<Instant> taken = new java.util.ArrayList<>();
    Instant now = T0;
    while (now.isBefore(T0.plusSeconds(600))) {
      Duration wait = budget.tryTake(now);
      if (wait.isZero()) {
        taken.add(now);
        now = now.plusMillis(137); // asks far more often than the budget allows
      } else {
        now = now.plus(wait);
      }
    }
    for (int i = 0; i < taken.size(); i++) {
      Instant end = taken.get(i).plusSeconds(60);
      long inWindow = taken.stream().skip(i).takeWhile(t -> t.isBefore(end)).count();
      assertThat(inWindow).isLessThanOrEqualTo(90);
    }
    assertThat(taken).as("and it does hand out its full budget").hasSizeGreaterThanOrEqualTo(900);
  }
}
