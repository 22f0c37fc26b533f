package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import org.junit.jupiter.api.Test;

class ObserverTest {
  private static final String JOB = "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"in-progress\"}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();
  private final Recorder events = new Recorder();

  @Test
  void hearsEachAttemptItsRetryAndTheBudgetWaitByOperationName() {
    server.enqueue(json(503, "{\"message\": \"Internal server error\"}"));
    server.enqueue(json(JOB));

    TestClients.builder(server, time).observer(events).build().getJob("job_abc123");

    assertThat(events.seen).containsExactly(
        "budget PT0S", "request getJob 503", "retry getJob http_503", "budget PT0S", "request getJob 200");
  }

  @Test
  void hearsARateLimitAndItsRetry() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{}").build());
    server.enqueue(json(JOB));

    TestClients.builder(server, time).observer(events).build().getJob("job_abc123");

    assertThat(events.seen).contains("429 getJob rate", "retry getJob http_429");
  }

  @Test
  void hearsASubmissionAcceptedWithItsCost() {
    server.enqueue(json(TestClients.JOB_QUEUED));

    TestClients.builder(server, time).observer(events).build().submit(LtxRequest.builder().prompt("a fox").build());

    assertThat(events.seen).containsSubsequence(
        "submitting model_ltx-2-3-fast", "request generateLtx23Fast 200", "accepted job_abc123 2.0");
  }

  @Test
  void hearsAWaitEndBeforeItsCallerDoesThenEachDownload() throws Exception {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"success\","
        + " \"metadata\": {\"assetIds\": [\"asset_abc123\"]}}}"));
    server.enqueue(json("{\"asset\": {\"id\": \"asset_abc123\", \"mimeType\": \"video/mp4\", \"url\": \""
        + server.url("/cdn/v.mp4") + "\"}}"));
    server.enqueue(new MockResponse.Builder().body("0123456789").build());
    LtxClient client = TestClients.builder(server, time).observer(events).build();

    JobSnapshot job = client.await("job_abc123");
    assertThat(events.seen).containsSubsequence("wait job_abc123", "succeeded job_abc123");
    client.assets().download("asset_abc123", new java.io.ByteArrayOutputStream(), TransferListener.NONE);

    assertThat(job.assetIds()).containsExactly("asset_abc123");
    assertThat(events.seen).containsSubsequence("download asset_abc123", "request getAsset 200",
        "downloaded asset_abc123 10");
  }

  @Test
  void anObserverThatThrowsChangesNothing() {
    server.enqueue(json(JOB));
    LtxObserver throwing = new LtxObserver() {
      @Override
      public void requestEnded(String operation, int status, Duration duration) {
        throw new IllegalStateException("observer bug");
      }
    };

    JobSnapshot job = TestClients.builder(server, time).observer(throwing).observer(events).build()
        .getJob("job_abc123");

    assertThat(job.id()).contains("job_abc123");
    assertThat(events.seen).contains("request getJob 200");
  }

  @Test
  void sendsEveryRequestThroughTheCallFactoryMadeOfItsOwnClient() throws Exception {
    server.enqueue(json(JOB));
    AtomicInteger calls = new AtomicInteger();

    TestClients.builder(server, time)
        .callFactory(client -> (Call.Factory) request -> {
          calls.incrementAndGet();
          return client.newCall(request);
        })
        .build()
        .getJob("job_abc123");

    assertThat(calls).hasValue(1);
    // ltx4j's interceptors are inside the client the factory wraps.
    assertThat(server.takeRequest().getHeaders().get("Authorization")).startsWith("Basic ");
  }

  private static final class Recorder implements LtxObserver {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void requestEnded(String operation, int status, Duration duration) {
      seen.add("request " + operation + " " + status);
    }

    @Override
    public void retryScheduled(String operation, String reason, Duration delay) {
      seen.add("retry " + operation + " " + reason);
    }

    @Override
    public void rateLimited(String operation, boolean concurrencyLimit) {
      seen.add("429 " + operation + " " + (concurrencyLimit ? "concurrency" : "rate"));
    }

    @Override
    public void budgetWaited(Duration wait) {
      seen.add("budget " + wait);
    }

    @Override
    public void waitStarted(String jobId) {
      seen.add("wait " + jobId);
    }

    @Override
    public void waitSucceeded(JobSnapshot job) {
      seen.add("succeeded " + job.id().orElseThrow());
    }

    @Override
    public void downloadStarted(String assetId) {
      seen.add("download " + assetId);
    }

    @Override
    public void downloadEnded(String assetId, long bytes) {
      seen.add("downloaded " + assetId + " " + bytes);
    }

    @Override
    public SubmissionObserver submitting(String modelId) {
      seen.add("submitting " + modelId);
      return new SubmissionObserver() {
        @Override
        public void accepted(JobSnapshot job, double creativeUnits) {
          seen.add("accepted " + job.id().orElseThrow() + " " + creativeUnits);
        }
      };
    }
  }
}
