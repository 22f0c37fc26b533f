package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The team's concurrency ceiling as a setting, and the slot load the counters report. */
class ConcurrencyCeilingTest {
  private static final String TOO_MANY = "{\"reason\":\"Too many concurrent jobs\",\"details\":{\"actionName\":"
      + "\"generate\",\"actionLimit\":";

  private final TestClock clock = new TestClock();

  @Test
  void theCeilingSettingRefusesAGenerationWhileItsSlotsRunNamingTheLimit() {
    try (Sandbox sandbox = Sandbox.builder().clock(clock).concurrencyCeiling(2).start()) {
      assertThat(Calls.generate(sandbox, "one").status()).isEqualTo(200);
      assertThat(Calls.generate(sandbox, "two").status()).isEqualTo(200);

      Calls.Answer refused = Calls.generate(sandbox, "three");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.body()).isEqualTo(TOO_MANY + "2}}");
      assertThat(sandbox.counters().concurrencyRefusals()).isEqualTo(1);
      assertThat(sandbox.counters().rateLimitRefusals()).isZero();
      assertThat(sandbox.counters().submissions()).isEqualTo(2);
    }
  }

  @Test
  void aSlotFreesWhenAJobEnds() {
    try (Sandbox sandbox = Sandbox.builder().clock(clock).concurrencyCeiling(1).start()) {
      assertThat(Calls.generate(sandbox, "[fail] one").status()).isEqualTo(200);
      assertThat(Calls.generate(sandbox, "two").status()).isEqualTo(429);

      clock.advance(Duration.ofSeconds(3)); // a failing job ends halfway through in-progress: 2.7 s

      assertThat(Calls.generate(sandbox, "two").status()).isEqualTo(200);
    }
  }

  @Test
  void theFaultOverridesTheSettingUntilClearedAndAResetKeepsTheSetting() {
    try (Sandbox sandbox = Sandbox.builder().clock(clock).concurrencyCeiling(1).start()) {
      sandbox.faults().concurrencyLimit(2);
      assertThat(Calls.generate(sandbox, "one").status()).isEqualTo(200);
      assertThat(Calls.generate(sandbox, "two").status()).isEqualTo(200);
      assertThat(Calls.generate(sandbox, "three").body()).isEqualTo(TOO_MANY + "2}}");

      sandbox.reset();

      assertThat(Calls.generate(sandbox, "one").status()).isEqualTo(200);
      assertThat(Calls.generate(sandbox, "two").body()).isEqualTo(TOO_MANY + "1}}");
    }
  }

  @Test
  void countersReportThePeakOfRunningGenerationsAndTheirJobSecondsInSandboxTime() {
    try (Sandbox sandbox = Sandbox.builder().clock(clock).timeScale(0.5).start()) {
      Calls.generate(sandbox, "[fail] one"); // at scale 0.5 it fails 1.35 s after its creation
      Calls.generate(sandbox, "two");
      clock.advance(Duration.ofSeconds(1));
      Calls.generate(sandbox, "three");
      clock.advance(Duration.ofSeconds(1));

      Counters counters = sandbox.counters();
      assertThat(counters.peakRunningGenerations()).isEqualTo(3);
      // clock seconds 1.35 + 2 + 1 = 4.35, sandbox seconds twice that
      assertThat(counters.generationJobSeconds()).isCloseTo(8.7, within(1e-9));
      assertThat(counters.sandboxSeconds()).isCloseTo(4.0, within(1e-9));

      sandbox.reset();

      assertThat(sandbox.counters().peakRunningGenerations()).isZero();
      assertThat(sandbox.counters().generationJobSeconds()).isZero();
    }
  }

  @Test
  void seededJobsAreNotLoadAClientCaused() {
    try (Sandbox sandbox = Sandbox.builder().clock(clock).start()) {
      sandbox.applyState("the team runs 3 generations, its concurrency limit");
      clock.advance(Duration.ofSeconds(5));

      assertThat(Calls.generate(sandbox, "four").body()).isEqualTo(TOO_MANY + "3}}");
      assertThat(sandbox.counters().concurrencyRefusals()).isEqualTo(1);
      assertThat(sandbox.counters().peakRunningGenerations()).isZero();
    }
  }
}
