package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.ServerException;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Faults on demand, seen through the real client. */
@ExtendWith(SandboxExtension.class)
class FaultsTest {
  private static final LtxRequest REQUEST = LtxRequest.of("A lighthouse at dusk");
  private static final String GENERATE = "/generate/custom/model_ltx-2-3-fast";

  @Test
  void resetAfterAcceptLeavesAJobThatFindSubmittedJobRecovers(Sandbox sandbox, LtxClient client) {
    sandbox.faults().resetAfterAccept(1.0);

    SubmissionOutcomeUnknownException unknown = null;
    try {
      client.submit(REQUEST);
    } catch (SubmissionOutcomeUnknownException e) {
      unknown = e;
    }

    assertThat(unknown).as("the client was told nothing").isNotNull();
    sandbox.faults().clear();
    Optional<JobSnapshot> found = client.findSubmittedJob(unknown);
    assertThat(found).isPresent();
    assertThat(found.get().job().metadata().input()).containsEntry("prompt", "A lighthouse at dusk");
    assertThat(sandbox.counters().submissions()).isEqualTo(1);
    assertThat(sandbox.counters().maxSubmissionsOfOneBody()).isEqualTo(1);
    assertThat(sandbox.counters().faults(FaultKind.RESET_AFTER_ACCEPT)).isEqualTo(1);
  }

  @Test
  void resetBeforeTheResponseCreatesNoJob(Sandbox sandbox, LtxClient client) {
    sandbox.faults().resets(1.0, Endpoint.GENERATE);

    assertThatThrownBy(() -> client.submit(REQUEST)).isInstanceOf(SubmissionOutcomeUnknownException.class);

    assertThat(sandbox.counters().submissions()).isZero();
    assertThat(sandbox.counters().requests(Endpoint.GENERATE)).isEqualTo(1);
    assertThat(sandbox.counters().faults(FaultKind.RESET, Endpoint.GENERATE)).isEqualTo(1);
  }

  @Test
  void bodyCutSendsTheHeadersAndHalfTheBodyAfterCreatingTheJob(Sandbox sandbox) throws IOException {
    sandbox.faults().bodyCuts(1.0, Endpoint.GENERATE);

    long promised;
    long received = 0;
    IOException cut = null;
    try (Response response = Http.CLIENT.newCall(generate(sandbox)).execute()) {
      assertThat(response.code()).isEqualTo(200);
      promised = Long.parseLong(response.header("Content-Length"));
      try (InputStream body = response.body().byteStream()) {
        while (body.read() != -1) {
          received++;
        }
      } catch (IOException e) {
        cut = e;
      }
    }

    assertThat(cut).as("the body ended early").isNotNull();
    assertThat(received).isEqualTo(promised / 2);
    assertThat(sandbox.counters().submissions()).isEqualTo(1);
    assertThat(sandbox.counters().faults(FaultKind.BODY_CUT, Endpoint.GENERATE)).isEqualTo(1);
  }

  @Test
  void trickledBodyOutlastsAShorterReadTimeoutAfterCreatingTheJob(Sandbox sandbox) throws IOException {
    sandbox.faults().trickledBodies(1.0, Endpoint.GENERATE).tricklePace(8, Duration.ofMillis(1500));
    OkHttpClient impatient = Http.CLIENT.newBuilder().readTimeout(500, TimeUnit.MILLISECONDS).build();

    try (Response response = impatient.newCall(generate(sandbox)).execute()) {
      assertThat(response.code()).as("the headers arrive at once").isEqualTo(200);
      assertThatThrownBy(() -> response.body().string()).isInstanceOf(SocketTimeoutException.class);
    }

    assertThat(sandbox.counters().submissions()).isEqualTo(1);
    assertThat(sandbox.counters().faults(FaultKind.TRICKLE, Endpoint.GENERATE)).isEqualTo(1);
  }

  @Test
  void trickledBodyArrivesWholeButSlowlyForAPatientClient(Sandbox sandbox) throws IOException {
    sandbox.seedJob(SeedJob.of("job_trickled", JobState.QUEUED));
    sandbox.faults().trickledBodies(1.0, Endpoint.GET_JOB).tricklePace(64, Duration.ofMillis(40));

    long start = System.nanoTime();
    String body;
    try (Response response = Http.CLIENT.newCall(ApiBehaviourTest.authorized(sandbox, "/jobs/job_trickled").build())
        .execute()) {
      body = response.body().string();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(body).contains("\"jobId\":\"job_trickled\"");
    long pauses = (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 1) / 64;
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(40 * pauses));
  }

  @Test
  void serverErrorsOnReadsAreRetriedByTheClient(Sandbox sandbox) {
    sandbox.faults().serverErrors(1.0, 503, Endpoint.LIST_JOBS);
    try (LtxClient client = sandbox.clientBuilder().maxRetries(2).build()) {
      assertThatThrownBy(() -> client.listJobsPage(dev.ltx4j.JobQuery.ALL, null)).isInstanceOf(ServerException.class);
    }
    assertThat(sandbox.counters().requests(Endpoint.LIST_JOBS)).isEqualTo(3);
  }

  @Test
  void rateLimitsCarryRetryAfterOrRemainingSeconds(Sandbox sandbox) throws Exception {
    sandbox.faults().rateLimits(1.0, RetryHint.RETRY_AFTER_HEADER, Duration.ofSeconds(7), Endpoint.GET_JOB);
    try (Response response = Http.CLIENT.newCall(ApiBehaviourTest.authorized(sandbox, "/jobs/job_x").build()).execute()) {
      assertThat(response.code()).isEqualTo(429);
      assertThat(response.header("Retry-After")).isEqualTo("7");
    }
    sandbox.faults().rateLimits(1.0, RetryHint.REMAINING_SECONDS, Duration.ofSeconds(3), Endpoint.GET_JOB);
    try (Response response = Http.CLIENT.newCall(ApiBehaviourTest.authorized(sandbox, "/jobs/job_x").build()).execute()) {
      assertThat(response.header("Retry-After")).isNull();
      assertThat(response.body().string()).contains("\"remainingSeconds\":3}");
    }
    try (LtxClient client = sandbox.clientBuilder().maxRetries(0).build()) {
      assertThatThrownBy(() -> client.getJob("job_x")).isInstanceOf(RateLimitException.class);
    }
  }

  @Test
  void sameSeedSameFaults() {
    Faults first = new Faults(7).serverErrors(0.5);
    Faults second = new Faults(7).serverErrors(0.5);
    for (int i = 0; i < 50; i++) {
      assertThat(first.decide(Endpoint.GET_JOB).kind()).isEqualTo(second.decide(Endpoint.GET_JOB).kind());
    }
  }

  private static Request generate(Sandbox sandbox) {
    return ApiBehaviourTest.authorized(sandbox, GENERATE)
        .post(RequestBody.create("{\"prompt\":\"A lighthouse at dusk\"}", MediaType.get("application/json")))
        .build();
  }

  @Test
  void latencyDelaysTheAnswer(Sandbox sandbox, LtxClient client) {
    sandbox.seedJob(SeedJob.of("job_slow", JobState.QUEUED));
    sandbox.faults().latency(Duration.ofMillis(400), Endpoint.GET_JOB);
    long start = System.nanoTime();
    client.getJob("job_slow");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }
}
