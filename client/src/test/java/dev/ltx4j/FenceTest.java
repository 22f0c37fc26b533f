package dev.ltx4j;

import static dev.ltx4j.TestClients.JOB_QUEUED;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A fenced submission leaves only when its fence, asked after every wait, still allows it. */
class FenceTest {
  private static final LtxRequest REQUEST = LtxRequest.builder().prompt("A fantasy landscape").build();

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();
  private final List<String> events = new ArrayList<>();

  @Test
  void aFenceThatSaysNoSendsNothing() {
    server.enqueue(json(JOB_QUEUED));

    SubmissionNotSentException refused = catchThrowableOfType(SubmissionNotSentException.class,
        () -> client().submit(REQUEST, SubmitOptions.defaults().withFence(() -> false)));

    assertThat(refused).hasMessageContaining("its fence said no");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFenceThatFailsSendsNothingAndSaysWhy() {
    SubmissionNotSentException refused = catchThrowableOfType(SubmissionNotSentException.class,
        () -> client().submit(REQUEST, SubmitOptions.defaults().withFence(() -> {
          throw new IllegalStateException("the ledger is down");
        })));

    assertThat(refused).hasMessageContaining("the ledger is down");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theFenceIsAskedAfterTheBudgetsWaitAndAgainBeforeARetryOfARefusedRequest() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("{}").build());
    server.enqueue(json(JOB_QUEUED));
    LtxClient client = TestClients.builder(server, time).requestBudget(now -> {
      events.add("permit");
      return java.time.Duration.ZERO;
    }).build();

    Submission submission = client.submit(REQUEST, SubmitOptions.defaults().withFence(() -> {
      events.add("fence");
      return true;
    }));

    assertThat(submission.jobId()).isEqualTo("job_abc123");
    assertThat(events).containsExactly("permit", "fence", "permit", "fence");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFencedSubmissionWhoseAnswerIsLostIsAnUnknownOutcome() {
    server.enqueue(json(503, "{}"));

    catchThrowableOfType(SubmissionOutcomeUnknownException.class,
        () -> client().submit(REQUEST, SubmitOptions.defaults().withFence(() -> true)));

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private LtxClient client() {
    return TestClients.client(server, time);
  }
}
