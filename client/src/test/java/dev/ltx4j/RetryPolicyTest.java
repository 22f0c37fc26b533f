package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final String JOB = "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"in-progress\"}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void retriesGetOn503ThenSucceedsWithExponentialBackoffAndJitter() {
    server.enqueue(json(503, "{\"message\": \"Internal server error\"}"));
    server.enqueue(json(502, ""));
    server.enqueue(json(JOB));

    JobSnapshot job = TestClients.client(server, time).getJob("job_abc123");

    assertThat(job.id()).contains("job_abc123");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.sleeps()).hasSize(2);
    assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    assertThat(time.sleeps().get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
  }

  @Test
  void aReadAnswered503WithRetryAfterZeroIsRetriedByTheClientsPolicyNotSilentlyByOkHttp() {
    server.enqueue(json(503, "{\"message\": \"busy\"}").newBuilder().addHeader("Retry-After", "0").build());
    server.enqueue(json(JOB));
    List<String> requests = new CopyOnWriteArrayList<>();
    LtxClient client = TestClients.builder(server, time)
        .observer(new LtxObserver() {
          @Override
          public void requestEnded(String operation, int status, Duration duration) {
            requests.add(operation + " " + status);
          }
        })
        .build();

    assertThat(client.getJob("job_abc123").id()).contains("job_abc123");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).hasSize(1);
    assertThat(requests).containsExactly("getJob 503", "getJob 200");
  }

  @Test
  void retriesGetOnConnectionDropAnd408() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(408, ""));
    server.enqueue(json(JOB));

    assertThat(TestClients.client(server, time).getJob("job_abc123").id()).contains("job_abc123");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxRetriesWithTheTypedException() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(500, "{\"message\": \"Internal server error\"}"));
    }

    LtxClient client = TestClients.builder(server, time).maxRetries(3).build();

    assertThatThrownBy(() -> client.getJob("job_abc123"))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("GET /v1/jobs/job_abc123 failed with HTTP 500: Internal server error");
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(time.sleeps()).hasSize(3);
    assertThat(time.sleeps().get(2)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
  }

  @Test
  void honoursRetryAfterInSeconds() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("{}").build());
    server.enqueue(json(JOB));

    TestClients.client(server, time).getJob("job_abc123");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void honoursRetryAfterOnA503Too() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "3").body("{}").build());
    server.enqueue(json(JOB));

    TestClients.client(server, time).getJob("job_abc123");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void honoursRetryAfterAsAnHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(12).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", date).body("{}").build());
    server.enqueue(json(JOB));

    TestClients.client(server, time).getJob("job_abc123");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void honoursRemainingSecondsFromTheBodyWhenNoHeader() {
    server.enqueue(json(429, "{\"reason\": \"Too many requests\", \"remainingSeconds\": 4.5}"));
    server.enqueue(json(JOB));

    TestClients.client(server, time).getJob("job_abc123");

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(4500));
  }

  @Test
  void capsAServerHintAtSixtySeconds() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body("{}").build());
    server.enqueue(json(JOB));

    TestClients.builder(server, time).operationTimeout(Duration.ofMinutes(10)).build().getJob("job_abc123");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void neverRetriesPastTheDeadlineAndExposesTheHint() {
    server.enqueue(json(429, "{\"reason\": \"Too many concurrent jobs\", \"remainingSeconds\": 30,"
        + " \"details\": {\"actionName\": \"generate\", \"actionLimit\": 5}}"));

    LtxClient client = TestClients.builder(server, time).operationTimeout(Duration.ofSeconds(10)).build();

    assertThatThrownBy(() -> client.getJob("job_abc123"))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
          assertThat(e.actionLimit()).hasValue(5);
          assertThat(e.body().details()).containsEntry("actionName", "generate");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void neverRetriesAClientError() {
    server.enqueue(json(404, "{\"reason\": \"Job not found\"}"));

    assertThatThrownBy(() -> TestClients.client(server, time).getJob("job_missing"))
        .isInstanceOf(NotFoundException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
