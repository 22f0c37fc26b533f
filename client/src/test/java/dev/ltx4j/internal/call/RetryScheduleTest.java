package dev.ltx4j.internal.call;

import static dev.ltx4j.internal.call.RetryPolicy.Failure.PAID_AND_AMBIGUOUS;
import static dev.ltx4j.internal.call.RetryPolicy.Failure.PERMANENT;
import static dev.ltx4j.internal.call.RetryPolicy.Failure.TRANSIENT;
import static dev.ltx4j.internal.call.RetryPolicy.Failure.UNDECODABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.ErrorBody;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.NotFoundException;
import dev.ltx4j.ServerException;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.internal.call.CallSpec.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The whole retry schedule and classification, in exact numbers: calls, downloads and waits all use this policy. */
class RetryScheduleTest {
  private static final Instant T0 = Instant.parse("2026-07-29T10:00:00Z");
  private static final ErrorBody BODY = new ErrorBody(null, null, null, null, Map.of(), "");
  private final RetryPolicy noJitter = new RetryPolicy(10, () -> 0.0);
  private final RetryPolicy fullJitter = new RetryPolicy(10, () -> 1.0);

  @Test
  void backsOffFromHalfASecondDoublingUpToEightSeconds() {
    assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> noJitter.next(TRANSIENT, n).delay().toMillis()).toList())
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L);
  }

  @Test
  void jitterShortensEachDelayByAtMostAQuarter() {
    assertThat(IntStream.rangeClosed(1, 6).mapToObj(n -> fullJitter.next(TRANSIENT, n).delay().toMillis()).toList())
        .containsExactly(375L, 750L, 1500L, 3000L, 6000L, 6000L);
  }

  @Test
  void givesUpOnceTheRetriesAreSpent() {
    RetryPolicy two = new RetryPolicy(2, () -> 0.0);

    assertThat(two.next(TRANSIENT, 2).retry()).isTrue();
    assertThat(two.next(TRANSIENT, 3).retry()).isFalse();
    assertThat(two.next(TRANSIENT, 3).why()).isEqualTo("giving up after 3 attempts");
  }

  @Test
  void aServerHintReplacesTheBackoffCappedAtOneMinuteAndNeverNegative() {
    assertThat(noJitter.next(TRANSIENT, 1, Duration.ofSeconds(7), T0, null).delay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(noJitter.next(TRANSIENT, 1, Duration.ofHours(1), T0, null).delay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(noJitter.next(TRANSIENT, 1, Duration.ofSeconds(-3), T0, null).delay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void neverSchedulesARetryPastTheDeadline() {
    assertThat(noJitter.next(TRANSIENT, 1, null, T0, T0.plusMillis(500)).retry()).isTrue();
    assertThat(noJitter.next(TRANSIENT, 1, null, T0, T0.plusMillis(499)).retry()).isFalse();
    assertThat(noJitter.next(TRANSIENT, 1, Duration.ofSeconds(30), T0, T0.plusSeconds(10)).retry()).isFalse();
  }

  @Test
  void onlyTransientFailuresAreRetried() {
    for (RetryPolicy.Failure failure : List.of(PERMANENT, UNDECODABLE, PAID_AND_AMBIGUOUS)) {
      assertThat(noJitter.next(failure, 1).retry()).as(failure.name()).isFalse();
    }
  }

  @Test
  void everyKindButAPaidSubmissionRetries408And429And5xx() {
    for (Kind kind : List.of(Kind.READ, Kind.IDEMPOTENT_WRITE, Kind.CREATING_WRITE)) {
      for (int status : List.of(408, 429, 500, 502, 503)) {
        assertThat(RetryPolicy.ofStatus(kind, status)).as(kind + " " + status).isEqualTo(TRANSIENT);
      }
      for (int status : List.of(400, 401, 403, 404, 409, 422)) {
        assertThat(RetryPolicy.ofStatus(kind, status)).as(kind + " " + status).isEqualTo(PERMANENT);
      }
    }
  }

  @Test
  void aPaidSubmissionIsRetriedOnlyOn429AndAnyOtherServerTroubleIsAmbiguous() {
    assertThat(RetryPolicy.ofStatus(Kind.PAID_SUBMISSION, 429)).isEqualTo(TRANSIENT);
    assertThat(RetryPolicy.ofStatus(Kind.PAID_SUBMISSION, 408)).isEqualTo(PAID_AND_AMBIGUOUS);
    assertThat(RetryPolicy.ofStatus(Kind.PAID_SUBMISSION, 503)).isEqualTo(PAID_AND_AMBIGUOUS);
    assertThat(RetryPolicy.ofStatus(Kind.PAID_SUBMISSION, 400)).isEqualTo(PERMANENT);
  }

  @Test
  void aConnectionThatNeverLeftIsRetriedForEveryKindAndOneThatMayHaveArrivedNeverForAPaidSubmission() {
    for (Kind kind : Kind.values()) {
      assertThat(RetryPolicy.ofTransport(kind, false, false)).as(kind.name()).isEqualTo(TRANSIENT);
    }
    assertThat(RetryPolicy.ofTransport(Kind.PAID_SUBMISSION, true, false)).isEqualTo(PAID_AND_AMBIGUOUS);
    assertThat(RetryPolicy.ofTransport(Kind.PAID_SUBMISSION, true, true)).isEqualTo(PAID_AND_AMBIGUOUS);
    assertThat(RetryPolicy.ofTransport(Kind.READ, true, false)).isEqualTo(TRANSIENT);
    assertThat(RetryPolicy.ofTransport(Kind.CREATING_WRITE, true, true)).isEqualTo(UNDECODABLE);
  }

  @Test
  void classifiesTheTypedExceptionsACallEndsWith() {
    assertThat(RetryPolicy.of(new Ltx4jIoException("broke", new IOException()))).isEqualTo(TRANSIENT);
    assertThat(RetryPolicy.of(new ServerException("GET /jobs/x", 502, BODY, Map.of()))).isEqualTo(TRANSIENT);
    assertThat(RetryPolicy.of(new Ltx4jException("retry wait failed"))).isEqualTo(TRANSIENT);
    assertThat(RetryPolicy.of(new NotFoundException("GET /jobs/x", 404, BODY, Map.of()))).isEqualTo(PERMANENT);
    assertThat(RetryPolicy.of(new JobFailedException(JobSnapshot.of(null)))).isEqualTo(PERMANENT);
    assertThat(RetryPolicy.of(new UnexpectedResponseException("garbled"))).isEqualTo(UNDECODABLE);
    assertThat(RetryPolicy.of(new SubmissionOutcomeUnknownException("m", Map.of(), T0, new IOException("cut"))))
        .isEqualTo(PAID_AND_AMBIGUOUS);
    assertThat(RetryPolicy.of(new IllegalStateException("a bug"))).isEqualTo(PERMANENT);
  }
}
