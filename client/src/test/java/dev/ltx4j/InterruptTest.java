package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt, a cancel or a close ends a call at once, whatever the server does; what it ends with never hides a
 * job that may have been paid for. The server here reads each request and never answers.
 */
class InterruptTest {
  private static final LtxRequest REQUEST = LtxRequest.builder().prompt("A fantasy landscape").build();
  private static final Duration PROMPT = Duration.ofSeconds(1);

  @Test
  void interruptingSubmitAfterItsRequestLeftIsAnUnknownOutcomeWithinASecond() throws Exception {
    try (RawServer server = new RawServer((head, socket) -> {}); LtxClient client = client(server)) {
      Ended ended = interruptAfterRequest(server, () -> client.submit(REQUEST));

      assertThat(ended.error).isInstanceOf(SubmissionOutcomeUnknownException.class);
      assertThat(((SubmissionOutcomeUnknownException) ended.error).request()).containsEntry("prompt",
          "A fantasy landscape");
      assertThat(ended.took).isLessThan(PROMPT);
      assertThat(ended.flagKept).isTrue();
    }
  }

  @Test
  void interruptingABlockingReadReturnsWithinASecondWithTheFlagKept() throws Exception {
    try (RawServer server = new RawServer((head, socket) -> {}); LtxClient client = client(server)) {
      for (Runnable read : new Runnable[] {() -> client.getJob("job_abc123"), () -> client.quote(REQUEST),
          () -> client.cancel("job_abc123"), () -> client.listJobsPage(JobQuery.ALL, null),
          () -> client.assets().get("asset_abc123")}) {
        Ended ended = interruptAfterRequest(server, read);

        assertThat(ended.error).isInstanceOf(Ltx4jException.class)
            .isNotInstanceOf(SubmissionOutcomeUnknownException.class).hasMessageContaining("interrupted");
        assertThat(ended.took).isLessThan(PROMPT);
        assertThat(ended.flagKept).isTrue();
      }
    }
  }

  @Test
  void cancelingASubmissionAfterItsRequestLeftReturnsFalseAndEndsWithAnUnknownOutcome() throws Exception {
    try (RawServer server = new RawServer((head, socket) -> {}); LtxClient client = client(server)) {
      CompletableFuture<Submission> submission = client.submitAsync(REQUEST);
      server.takeRequest(Duration.ofSeconds(5));

      assertThat(submission.cancel(true)).isFalse();

      assertThat(outcome(submission)).isInstanceOf(SubmissionOutcomeUnknownException.class);
    }
  }

  @Test
  void cancelingASubmissionBeforeItsRequestLeftSendsNothing() throws Exception {
    try (RawServer server = new RawServer((head, socket) -> {});
        LtxClient client = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(server.baseUrl())
            .requestBudget(now -> Duration.ofHours(1)).build()) {
      CompletableFuture<Submission> submission = client.submitAsync(REQUEST);

      assertThat(submission.cancel(true)).isTrue();

      assertThat(submission.isCancelled()).isTrue();
      Thread.sleep(200);
      assertThat(server.requestCount()).isZero();
    }
  }

  @Test
  void closingTheClientDuringASubmissionEndsItAtOnceWithAnUnknownOutcome() throws Exception {
    try (RawServer server = new RawServer((head, socket) -> {})) {
      LtxClient client = client(server);
      CompletableFuture<Submission> submission = client.submitAsync(REQUEST);
      server.takeRequest(Duration.ofSeconds(5));

      client.close();

      assertThat(outcome(submission)).isInstanceOf(SubmissionOutcomeUnknownException.class);
    }
  }

  @Test
  void interruptingGenerateOnceItsJobExistsNamesTheJob() throws Exception {
    try (RawServer server = new RawServer(InterruptTest::acceptThenHang); LtxClient client = client(server)) {
      AtomicReference<Throwable> error = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          client.generate(REQUEST, WaitOptions.defaults());
        } catch (RuntimeException e) {
          error.set(e);
        }
      });
      caller.start();
      server.takeRequest(Duration.ofSeconds(5));
      server.takeRequest(Duration.ofSeconds(10)); // the first poll: the job exists

      caller.interrupt();
      caller.join(PROMPT.toMillis());

      assertThat(caller.isAlive()).isFalse();
      assertThat(error.get()).isInstanceOf(JobWaitStoppedException.class);
      assertThat(((JobWaitStoppedException) error.get()).jobId()).isEqualTo("job_abc123");
    }
  }

  @Test
  void closingTheClientEndsAGenerateWhoseJobExistsNamingTheJob() throws Exception {
    try (RawServer server = new RawServer(InterruptTest::acceptThenHang)) {
      LtxClient client = client(server);
      CompletableFuture<JobSnapshot> generated = client.generateAsync(REQUEST, WaitOptions.defaults());
      server.takeRequest(Duration.ofSeconds(5));
      server.takeRequest(Duration.ofSeconds(10));

      client.close();

      Throwable outcome = outcome(generated);
      assertThat(outcome).isInstanceOf(JobWaitStoppedException.class).hasMessageContaining("job_abc123");
    }
  }

  @Test
  void interruptingADownloadEndsItWithinASecondAndSavesNothing(@TempDir Path dir) throws Exception {
    try (RawServer server = new RawServer(InterruptTest::assetThenAFewBytes); LtxClient client = client(server)) {
      Path target = dir.resolve("v.mp4");

      Ended ended = interruptAfterRequests(server, 2,
          () -> client.assets().download("asset_abc123", target, DownloadOptions.defaults()));

      assertThat(ended.error).isInstanceOf(Ltx4jIoException.class).hasMessageContaining("interrupted");
      assertThat(ended.took).isLessThan(PROMPT);
      assertThat(ended.flagKept).isTrue();
      assertThat(dir.toFile().list()).isEmpty();
    }
  }

  /** Answers the asset read with a URL on this server, whose file then sends ten bytes of a million and stops. */
  private static void assetThenAFewBytes(String head, java.net.Socket socket) throws java.io.IOException {
    if (head.startsWith("GET /v1/assets/")) {
      RawServer.write(socket, 200, "application/json", "{\"asset\": {\"id\": \"asset_abc123\", \"url\":"
          + " \"http://127.0.0.1:" + socket.getLocalPort() + "/cdn/v.mp4\"}}");
    } else {
      socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n0123456789"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }
  }

  /** Accepts the paid POST with a queued job; every later request is read and never answered. */
  private static void acceptThenHang(String head, java.net.Socket socket) throws java.io.IOException {
    if (head.startsWith("POST ")) {
      RawServer.write(socket, 200, "application/json", TestClients.JOB_QUEUED);
    }
  }

  private static LtxClient client(RawServer server) {
    return LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(server.baseUrl()).build();
  }

  private record Ended(Throwable error, Duration took, boolean flagKept) {}

  private static Ended interruptAfterRequest(RawServer server, Runnable call) throws InterruptedException {
    return interruptAfterRequests(server, 1, call);
  }

  /** Runs {@code call} on a thread, interrupts it once the server has its requests, and tells how it ended. */
  private static Ended interruptAfterRequests(RawServer server, int requests, Runnable call)
      throws InterruptedException {
    AtomicReference<Throwable> error = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    AtomicReference<Long> endedAt = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        call.run();
      } catch (RuntimeException e) {
        error.set(e);
      }
      endedAt.set(System.nanoTime());
      flag.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    for (int i = 0; i < requests; i++) {
      server.takeRequest(Duration.ofSeconds(5));
    }
    Thread.sleep(100); // the call is now blocked reading the answer
    long interruptedAt = System.nanoTime();
    caller.interrupt();
    caller.join(5_000);
    assertThat(caller.isAlive()).as("the call ended").isFalse();
    return new Ended(error.get(), Duration.ofNanos(endedAt.get() - interruptedAt), flag.get());
  }

  private static Throwable outcome(CompletableFuture<?> future) throws InterruptedException {
    try {
      future.get(1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the future did not end within a second");
    }
    throw new AssertionError("the future succeeded");
  }
}
