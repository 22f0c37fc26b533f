package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.testkit.TestClock;
import java.time.Duration;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The project's request rate: a sliding window of one sandbox minute, in the clock a test moves by hand. */
class RequestRateTest {
  private static final String RATE_USED_UP =
      "{\"reason\":\"Too many requests: the project's request rate is used up\",\"remainingSeconds\":";

  private final TestClock clock = new TestClock();

  @Test
  void theHundredAndFirstCallWithinAMinuteGets429WithTheWholeSecondsUntilTheOldestLeaves() {
    try (Sandbox sandbox = limited(100, 1.0)) {
      Calls.admitted(sandbox, 1);
      clock.advance(Duration.ofMillis(20_500));
      Calls.admitted(sandbox, 99);

      Calls.Answer refused = Calls.get(sandbox, Calls.LIST);

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.body()).as("39.5 s rounded up").isEqualTo(RATE_USED_UP + "40}");
      assertThat(sandbox.counters().rateLimitRefusals()).isEqualTo(1);
    }
  }

  @Test
  void aCallIsAdmittedOnceTheWindowSlidesPastTheOldestCallAndRefusedCallsTakeNoPlace() {
    try (Sandbox sandbox = limited(100, 1.0)) {
      Calls.admitted(sandbox, 1);
      clock.advance(Duration.ofSeconds(20));
      Calls.admitted(sandbox, 99);
      assertThat(Calls.get(sandbox, Calls.LIST).status()).isEqualTo(429);
      clock.advance(Duration.ofMillis(39_999));
      assertThat(Calls.get(sandbox, Calls.LIST).status()).as("the oldest is still inside").isEqualTo(429);

      clock.advance(Duration.ofMillis(1));

      assertThat(Calls.get(sandbox, Calls.LIST).status()).as("the oldest left; the 429s took no place").isEqualTo(200);
      assertThat(Calls.get(sandbox, Calls.LIST).body()).as("the 99 leave 20 s later").isEqualTo(RATE_USED_UP + "20}");
      assertThat(sandbox.counters().rateLimitRefusals()).isEqualTo(3);
      assertThat(sandbox.counters().maxRequestsInWindow()).isEqualTo(100);
    }
  }

  @Test
  void theCdnAndCallsWithoutTheProjectsCredentialsAreNotMetered() {
    try (Sandbox sandbox = limited(1, 1.0)) {
      for (int i = 0; i < 3; i++) {
        assertThat(Calls.send(new Request.Builder().url(sandbox.cdnUrl() + "assets/asset_x.mp4").build()).status())
            .as("an unsigned CDN URL").isEqualTo(403);
        assertThat(Calls.send(new Request.Builder().url(sandbox.baseUrl() + Calls.LIST)
            .header("Authorization", okhttp3.Credentials.basic("stranger", "secret")).build()).status())
            .isEqualTo(401);
      }

      assertThat(Calls.get(sandbox, Calls.LIST).status()).as("the budget is whole").isEqualTo(200);
      assertThat(Calls.get(sandbox, Calls.LIST).status()).isEqualTo(429);
      assertThat(sandbox.counters().maxRequestsInWindow()).isEqualTo(1);
    }
  }

  @Test
  void aTimeScaleOfOneTenthAllowsTheBudgetEverySixClockSeconds() {
    try (Sandbox sandbox = limited(10, 0.1)) {
      Calls.admitted(sandbox, 10);
      assertThat(Calls.get(sandbox, Calls.LIST).body()).isEqualTo(RATE_USED_UP + "6}");

      clock.advance(Duration.ofSeconds(6));

      Calls.admitted(sandbox, 10);
      assertThat(Calls.get(sandbox, Calls.LIST).status()).isEqualTo(429);
      assertThat(sandbox.counters().maxRequestsInWindow()).isEqualTo(10);
    }
  }

  @Test
  void aTimeScaleOfZeroMetersNothing() {
    try (Sandbox sandbox = limited(2, 0.0)) {
      Calls.admitted(sandbox, 10);

      assertThat(sandbox.counters().rateLimitRefusals()).isZero();
      assertThat(sandbox.counters().maxRequestsInWindow()).isZero();
    }
  }

  @Test
  void withoutALimitTheBusiestWindowIsStillReported() {
    try (Sandbox sandbox = limited(0, 1.0)) {
      Calls.admitted(sandbox, 5);
      clock.advance(Duration.ofSeconds(30));
      Calls.admitted(sandbox, 3);
      clock.advance(Duration.ofSeconds(30));
      Calls.admitted(sandbox, 1);

      assertThat(sandbox.counters().maxRequestsInWindow()).as("5 + 3 within 30 s; the 5 left before the last")
          .isEqualTo(8);
      assertThat(sandbox.counters().rateLimitRefusals()).isZero();
    }
  }

  @Test
  void aResetEmptiesTheWindow() {
    try (Sandbox sandbox = limited(2, 1.0)) {
      Calls.admitted(sandbox, 2);
      assertThat(Calls.get(sandbox, Calls.LIST).status()).isEqualTo(429);

      sandbox.reset();

      Calls.admitted(sandbox, 2);
      assertThat(sandbox.counters().rateLimitRefusals()).as("counted since the reset").isZero();
    }
  }

  @Test
  void theBuilderHasNoLimitByDefaultSoTestsPollFreely() {
    try (Sandbox sandbox = Sandbox.builder().clock(clock).start()) {
      Calls.admitted(sandbox, Sandbox.SERVICE_REQUESTS_PER_MINUTE + 1);

      assertThat(sandbox.counters().maxRequestsInWindow()).isEqualTo(Sandbox.SERVICE_REQUESTS_PER_MINUTE + 1);
    }
  }

  private Sandbox limited(int perMinute, double timeScale) {
    return Sandbox.builder().clock(clock).timeScale(timeScale).requestsPerMinute(perMinute).start();
  }
}
