package dev.ltx4j;

import static dev.ltx4j.TestClients.JOB_QUEUED;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against a server that misbehaves as networks and proxies do: a paid request is never sent twice once
 * it may have reached the server, memory stays bounded whatever the size of an answer, and time stays bounded
 * whatever its speed.
 */
class HostileServerTest {
  private static final LtxRequest REQUEST = LtxRequest.builder().prompt("A fantasy landscape").build();

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void aSubmissionCutWhileItsBodyIsSentIsAnUnknownOutcomeSentOnce() {
    server.enqueue(new MockResponse.Builder().onRequestBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(JOB_QUEUED));

    assertSentOnceWithUnknownOutcome(TestClients.client(server, time));
  }

  @Test
  void aSubmissionWhoseAnswerBreaksOffMidBodyIsAnUnknownOutcomeSentOnce() {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body(JOB_QUEUED + " ".repeat(4096)).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(JOB_QUEUED));

    assertSentOnceWithUnknownOutcome(TestClients.client(server, time));
  }

  @Test
  void aSubmissionWhoseAnswerTricklesPastTheReadTimeoutIsAnUnknownOutcomeSentOnce() {
    server.enqueue(new MockResponse.Builder().body(new TrickleBody(JOB_QUEUED, Duration.ofSeconds(1))).build());
    server.enqueue(json(JOB_QUEUED));

    assertSentOnceWithUnknownOutcome(TestClients.builder(server, time).readTimeout(Duration.ofMillis(300)).build());
  }

  @Test
  void aSubmissionWhoseAnswerTricklesPastTheCallTimeoutIsAnUnknownOutcomeSentOnce() {
    server.enqueue(new MockResponse.Builder().body(new TrickleBody(JOB_QUEUED, Duration.ofMillis(50))).build());
    server.enqueue(json(JOB_QUEUED));

    assertSentOnceWithUnknownOutcome(TestClients.builder(server, time).callTimeout(Duration.ofMillis(700)).build());
  }

  @Test
  void aSubmissionAnsweredWithABodyThatDoesNotDecodeIsAnUnknownOutcomeSentOnce() {
    server.enqueue(json("{\"job\": {\"jobId\": "));
    server.enqueue(json(JOB_QUEUED));

    SubmissionOutcomeUnknownException unknown = assertSentOnceWithUnknownOutcome(TestClients.client(server, time));
    assertThat(unknown).hasCauseInstanceOf(UnexpectedResponseException.class);
  }

  @Test
  void aSubmissionAnsweredWithAnOversizedBodyIsAnUnknownOutcomeSentOnce() {
    server.enqueue(new MockResponse.Builder().body(HugeBody.job(64L << 20)).build());
    server.enqueue(json(JOB_QUEUED));

    SubmissionOutcomeUnknownException unknown = assertSentOnceWithUnknownOutcome(TestClients.client(server, time));
    assertThat(unknown).hasCauseInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void aReadWhoseAnswerBreaksOffMidBodyIsRetried() {
    server.enqueue(new MockResponse.Builder().body(JOB_QUEUED + " ".repeat(4096))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(JOB_QUEUED));

    JobSnapshot job = TestClients.client(server, time).getJob("job_abc123");

    assertThat(job.id()).contains("job_abc123");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anOversizedSuccessfulAnswerIsATypedErrorNotRetriedAndTheClientStillWorks() {
    server.enqueue(new MockResponse.Builder().body(HugeBody.job(1L << 30)).build());
    server.enqueue(json(JOB_QUEUED));
    LtxClient client = TestClients.builder(server, time).maxResponseBytes(1 << 20).build();

    ResponseTooLargeException error = catchThrowableOfType(ResponseTooLargeException.class,
        () -> client.getJob("job_abc123"));

    assertThat(error.limit()).isEqualTo(1 << 20);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(client.getJob("job_abc123").id()).contains("job_abc123");
  }

  @Test
  void aGzipBombIsMeasuredInflatedNotOnTheWire() throws IOException {
    Buffer bomb = gzippedJob(32L << 20);
    assertThat(bomb.size()).isLessThan(1 << 20);
    server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip").body(bomb).build());

    assertThatThrownBy(() -> TestClients.builder(server, time).maxResponseBytes(1 << 20).build().getJob("job_abc123"))
        .isInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void aHugeErrorBodyIsReadOnlyInPartAndStillGivesTheTypedError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(500)
          .body(new HugeBody("{\"message\": \"", 512L << 20, "\"}")).build());
    }

    ServerException error = catchThrowableOfType(ServerException.class,
        () -> TestClients.client(server, time).getJob("job_abc123"));

    assertThat(error.statusCode()).isEqualTo(500);
    assertThat(error.body().raw().length()).isLessThanOrEqualTo(2000);
    assertThat(error.getMessage().length()).isLessThan(4000);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aSuccessWithoutAJobIsATypedErrorNotAnEmptyJob() {
    server.enqueue(json("{}"));

    assertThatThrownBy(() -> TestClients.client(server, time).getJob("job_abc123"))
        .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("without a job");
  }

  @Test
  void theOperationTimeoutCancelsACallThatTrickles() {
    server.enqueue(new MockResponse.Builder().body(new TrickleBody(JOB_QUEUED, Duration.ofSeconds(5))).build());
    LtxClient client = realTimeClient().operationTimeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();

    assertThatThrownBy(() -> client.getJob("job_abc123")).isInstanceOf(Ltx4jIoException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aWaitEndsAtItsDeadlineWhileAPollTrickles() {
    server.enqueue(new MockResponse.Builder().body(new TrickleBody(JOB_QUEUED, Duration.ofSeconds(5))).build());
    LtxClient client = realTimeClient().build();
    long start = System.nanoTime();

    JobTimeoutException timeout = catchThrowableOfType(JobTimeoutException.class,
        () -> client.await("job_abc123", WaitOptions.builder().deadline(Duration.ofSeconds(2)).build()));

    assertThat(timeout.jobId()).isEqualTo("job_abc123");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://cdn.example.com/v.mp4", "http://cdn.example.com/v.mp4"})
  void anAssetUrlThatIsNotHttpsIsRefusedWithATypedError(String url, @TempDir Path dir) {
    server.enqueue(json("{\"asset\": {\"id\": \"asset_1\", \"mimeType\": \"video/mp4\", \"url\": \"" + url + "\"}}"));

    assertThatThrownBy(() -> TestClients.client(server, time).assets()
        .download("asset_1", dir.resolve("v.mp4"), DownloadOptions.defaults()))
        .isInstanceOf(UnexpectedResponseException.class).hasMessageNotContaining(url);
    assertThat(dir.resolve("v.mp4")).doesNotExist();
  }

  private LtxClientBuilder realTimeClient() {
    return TestClients.builder(server, time).clock(Clock.systemUTC()).sleeper(Sleeper.system());
  }

  private SubmissionOutcomeUnknownException assertSentOnceWithUnknownOutcome(LtxClient client) {
    SubmissionOutcomeUnknownException unknown = catchThrowableOfType(SubmissionOutcomeUnknownException.class,
        () -> client.submit(REQUEST));
    assertThat(unknown).as("the outcome is unknown").isNotNull();
    assertThat(unknown.request()).containsEntry("prompt", "A fantasy landscape");
    assertThat(unknown.submittedAt()).isNotNull();
    assertThat(requestsReceived()).as("requests sent").isEqualTo(1);
    return unknown;
  }

  /** Requests the server has read, waiting a moment for one still being recorded after the client gave up. */
  private int requestsReceived() {
    int count = 0;
    try {
      while (server.takeRequest(count == 0 ? 2000 : 300, TimeUnit.MILLISECONDS) != null) {
        count++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return count;
  }

  /** A job whose id is {@code size} letters long, gzipped: a few kilobytes on the wire. */
  private static Buffer gzippedJob(long size) throws IOException {
    Buffer out = new Buffer();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out.outputStream())) {
      okio.BufferedSink sink = okio.Okio.buffer(okio.Okio.sink(gzip));
      HugeBody.job(size).writeTo(sink);
      sink.flush();
    }
    return out;
  }
}
