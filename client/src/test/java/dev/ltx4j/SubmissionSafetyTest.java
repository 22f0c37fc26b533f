package dev.ltx4j;

import static dev.ltx4j.TestClients.JOB_QUEUED;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class SubmissionSafetyTest {
  private static final LtxRequest REQUEST = LtxRequest.builder().prompt("A fantasy landscape").durationSeconds(8).build();

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void neverRetriesGenerateAfterBodyWasSent() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json("{\"jobs\": [" // newest first: an unrelated job, then ours
        + "{\"jobId\": \"job_other\", \"status\": \"queued\", \"createdAt\": \"2026-07-29T10:00:01Z\","
        + " \"metadata\": {\"input\": {\"prompt\": \"Something else\"}}},"
        + "{\"jobId\": \"job_ours\", \"status\": \"queued\", \"createdAt\": \"2026-07-29T10:00:00Z\","
        + " \"metadata\": {\"input\": {\"modelId\": \"model_ltx-2-3-fast\", \"prompt\": \"A fantasy landscape\","
        + " \"duration\": 8, \"resolution\": \"1080p\"}}}]}"));
    LtxClient client = TestClients.client(server, time);

    SubmissionOutcomeUnknownException unknown = catchUnknown(() -> client.submit(REQUEST));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/generate/custom/model_ltx-2-3-fast");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(unknown.request()).containsEntry("prompt", "A fantasy landscape");
    assertThat(unknown.submittedAt()).isEqualTo(time.instant());
    assertThat(unknown.modelId()).isEqualTo("model_ltx-2-3-fast");

    assertThat(client.findSubmittedJob(unknown)).hasValueSatisfying(job -> assertThat(job.id()).contains("job_ours"));
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/jobs");
  }

  @Test
  void neverRetriesGenerateOnAServerError() {
    server.enqueue(json(503, "{\"message\": \"Service unavailable\"}"));
    server.enqueue(json(JOB_QUEUED));

    SubmissionOutcomeUnknownException unknown = catchUnknown(() -> TestClients.client(server, time).submit(REQUEST));

    assertThat(unknown).hasCauseInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void neverResendsGenerateAnswered503WithRetryAfterZero() {
    // OkHttp itself sends a request again at once on this answer, below every interceptor that decides retries.
    server.enqueue(json(503, "{\"message\": \"Service unavailable\"}").newBuilder()
        .addHeader("Retry-After", "0").build());
    server.enqueue(json(JOB_QUEUED));

    SubmissionOutcomeUnknownException unknown = catchUnknown(() -> TestClients.client(server, time).submit(REQUEST));

    assertThat(unknown).hasCauseInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void neverRetriesGenerateAfterAReadTimeout() {
    server.enqueue(new MockResponse.Builder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).body(JOB_QUEUED).build());
    server.enqueue(json(JOB_QUEUED));
    LtxClient client = TestClients.builder(server, time).readTimeout(Duration.ofMillis(200)).build();

    catchUnknown(() -> client.submit(REQUEST));

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesGenerateRefusedWith429BecauseNothingWasCreated() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("{}").build());
    server.enqueue(json(JOB_QUEUED));

    Submission submission = TestClients.client(server, time).submit(REQUEST);

    assertThat(submission.jobId()).isEqualTo("job_abc123");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retriesGenerateWhenTheConnectionWasRefusedBeforeAnythingWasSent() {
    server.enqueue(json(JOB_QUEUED));
    AtomicInteger connects = new AtomicInteger();
    SocketFactory refusingOnce = new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        if (connects.incrementAndGet() == 1) {
          return new Socket() {
            @Override
            public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
              throw new ConnectException("Connection refused");
            }
          };
        }
        return new Socket();
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }
    };
    OkHttpClient http = new OkHttpClient.Builder().socketFactory(refusingOnce).build();

    Submission submission = TestClients.builder(server, time).okHttpClient(http).build().submit(REQUEST);

    assertThat(submission.jobId()).isEqualTo("job_abc123");
    assertThat(connects.get()).isGreaterThanOrEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAcceptedSubmissionWithoutAJobIdIsReportedAsUnknownNotDropped() {
    server.enqueue(json("{\"job\": {\"status\": \"queued\"}, \"creativeUnitsCost\": 2}"));

    SubmissionOutcomeUnknownException unknown = catchUnknown(() -> TestClients.client(server, time).submit(REQUEST));

    assertThat(unknown.getCause()).hasMessageContaining("named no job id");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void recoveryFindsNothingWhenNoRecentJobMatches() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_old\", \"createdAt\": \"2026-07-29T09:00:00Z\","
        + " \"metadata\": {\"input\": {\"prompt\": \"A fantasy landscape\", \"duration\": 8}}}],"
        + " \"nextPaginationToken\": \"more\"}"));
    LtxClient client = TestClients.client(server, time);

    SubmissionOutcomeUnknownException unknown = catchUnknown(() -> client.submit(REQUEST));

    assertThat(client.findSubmittedJob(unknown)).isEmpty();
    assertThat(server.getRequestCount()).as("stops paging once jobs are older than the submission").isEqualTo(2);
  }

  @Test
  void findSubmittedJobsReturnsEveryMatchingJobAcrossPagesClosestToTheSendingTimeFirst() throws InterruptedException {
    server.enqueue(json("{\"jobs\": [" // newest first
        + job("job_later", "2026-07-29T10:00:09Z", "\"prompt\": \"A fantasy landscape\", \"duration\": 8") + ","
        + job("job_other", "2026-07-29T10:00:05Z", "\"prompt\": \"Something else\", \"duration\": 8") + "],"
        + " \"nextPaginationToken\": \"page2\"}"));
    server.enqueue(json("{\"jobs\": ["
        + job("job_closest", "2026-07-29T10:00:01Z", "\"prompt\": \"A fantasy landscape\", \"duration\": 8") + ","
        + job("job_later", "2026-07-29T10:00:09Z", "\"prompt\": \"A fantasy landscape\", \"duration\": 8") + ","
        + job("job_old", "2026-07-29T09:00:00Z", "\"prompt\": \"A fantasy landscape\", \"duration\": 8") + "],"
        + " \"nextPaginationToken\": \"page3\"}"));
    LtxClient client = TestClients.client(server, time);

    List<JobSnapshot> jobs = client.findSubmittedJobs(REQUEST, Instant.parse("2026-07-29T10:00:00Z"));

    assertThat(jobs).map(job -> job.id().orElseThrow()).containsExactly("job_closest", "job_later");
    assertThat(server.takeRequest().getUrl().queryParameter("paginationToken")).isNull();
    assertThat(server.takeRequest().getUrl().queryParameter("paginationToken")).isEqualTo("page2");
    assertThat(server.getRequestCount()).as("stops once jobs are older than the submission").isEqualTo(2);
  }

  @Test
  void aJobWhoseEchoStatesANonDefaultValueForAParameterTheRequestLeftOutIsNotItsJob() {
    server.enqueue(json("{\"jobs\": ["
        + job("job_fps50", "2026-07-29T10:00:01Z",
            "\"prompt\": \"A fantasy landscape\", \"duration\": 8, \"fps\": 50") + ","
        + job("job_image", "2026-07-29T10:00:01Z",
            "\"prompt\": \"A fantasy landscape\", \"duration\": 8, \"startImage\": \"asset_a\"") + ","
        + job("job_defaults", "2026-07-29T10:00:02Z", "\"prompt\": \"A fantasy landscape\", \"duration\": 8,"
            + " \"fps\": 25, \"resolution\": \"1080p\", \"generateAudio\": true, \"modelId\": \"model_ltx-2-3-fast\"")
        + "]}"));
    LtxClient client = TestClients.client(server, time);

    Optional<JobSnapshot> found = client.findSubmittedJob(REQUEST, Instant.parse("2026-07-29T10:00:00Z"));

    assertThat(found).hasValueSatisfying(job -> assertThat(job.id()).contains("job_defaults"));
  }

  private static String job(String id, String createdAt, String input) {
    return "{\"jobId\": \"" + id + "\", \"status\": \"queued\", \"createdAt\": \"" + createdAt + "\","
        + " \"metadata\": {\"input\": {" + input + "}}}";
  }

  private static SubmissionOutcomeUnknownException catchUnknown(Runnable call) {
    try {
      call.run();
    } catch (SubmissionOutcomeUnknownException e) {
      return e;
    }
    throw new AssertionError("expected a SubmissionOutcomeUnknownException");
  }
}
