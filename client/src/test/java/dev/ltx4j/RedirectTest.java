package dev.ltx4j;

import static dev.ltx4j.TestClients.JOB_QUEUED;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects are ltx4j's decision, never OkHttp's: a paid POST is sent once whatever a 3xx says, and a read follows
 * a redirect only where its first URL could have gone.
 */
class RedirectTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
  private static final LtxRequest REQUEST = LtxRequest.builder().prompt("A fantasy landscape").build();
  private static final String JOB_DONE = "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"success\","
      + " \"metadata\": {\"assetIds\": [\"asset_v\"]}}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  @StartStop private final MockWebServer elsewhere = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectedPaidSubmissionIsSentOnceAndIsAnUnknownOutcomeNamingTheLocation(int status) {
    server.enqueue(redirect(status, server.url("/v1/generate/custom/model_ltx-2-3-fast").toString()));
    server.enqueue(json(JOB_QUEUED));

    SubmissionOutcomeUnknownException unknown =
        catchThrowableOfType(SubmissionOutcomeUnknownException.class, () -> client().submit(REQUEST));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(unknown.getCause()).isInstanceOf(UnexpectedRedirectException.class);
    assertThat(unknown).hasMessageContaining(server.url("/v1/generate/custom/model_ltx-2-3-fast").toString())
        .hasMessageContaining("nothing was sent there");
    assertThat(((UnexpectedRedirectException) unknown.getCause()).statusCode()).isEqualTo(status);
  }

  @Test
  void aPaidSubmissionRedirectedToItselfIsSentOnce() {
    for (int i = 0; i < 25; i++) {
      server.enqueue(redirect(307, "/v1/generate/custom/model_ltx-2-3-fast"));
    }

    catchThrowableOfType(SubmissionOutcomeUnknownException.class, () -> client().submit(REQUEST));

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPaidSubmissionRedirectedToAnotherHostNeverReachesItAndNoForeignJobIdComesBack() {
    server.enqueue(redirect(307, elsewhere.url("/v1/generate/custom/model_ltx-2-3-fast").toString()));
    elsewhere.enqueue(json("{\"job\": {\"jobId\": \"job_madeup\", \"status\": \"queued\"}}"));

    SubmissionOutcomeUnknownException unknown =
        catchThrowableOfType(SubmissionOutcomeUnknownException.class, () -> client().submit(REQUEST));

    assertThat(unknown).hasMessageContaining(elsewhere.url("/").toString());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aReadFollowsARedirectToTheApiHostWithCredentials() throws InterruptedException {
    server.enqueue(redirect(302, "/v1/jobs/job_abc123?again=1"));
    server.enqueue(json(JOB_DONE));

    assertThat(client().getJob("job_abc123").id()).contains("job_abc123");

    server.takeRequest();
    RecordedRequest followed = server.takeRequest();
    assertThat(followed.getUrl().encodedQuery()).isEqualTo("again=1");
    assertThat(followed.getHeaders().get("Authorization")).startsWith("Basic ");
  }

  @Test
  void aReadFollowsARedirectToAnotherHostWithoutCredentials() throws InterruptedException {
    server.enqueue(redirect(307, elsewhere.url("/v1/jobs/job_abc123").toString()));
    elsewhere.enqueue(json(JOB_DONE));

    assertThat(client().getJob("job_abc123").id()).contains("job_abc123");

    assertThat(elsewhere.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aReadRedirectedInALoopStopsAfterFiveHopsWithATypedError() {
    for (int i = 0; i < 30; i++) {
      server.enqueue(redirect(302, "/v1/jobs/job_abc123"));
    }

    UnexpectedRedirectException refused =
        catchThrowableOfType(UnexpectedRedirectException.class, () -> client().getJob("job_abc123"));

    assertThat(refused).hasMessageContaining("more than 5 redirects");
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void aReadRedirectedToPlainHttpOffLoopbackIsRefusedUnsent() {
    elsewhere.enqueue(json(JOB_DONE));
    server.enqueue(redirect(302, "http://cdn.ltx4j.test:" + elsewhere.getPort() + "/v1/jobs/job_abc123"));

    UnexpectedRedirectException refused =
        catchThrowableOfType(UnexpectedRedirectException.class, () -> client().getJob("job_abc123"));

    assertThat(refused.location()).startsWith("http://cdn.ltx4j.test:");
    assertThat(refused).hasMessageContaining("only HTTPS is followed off the loopback address");
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aDownloadRedirectedToPlainHttpOffLoopbackIsRefusedAndNothingIsSaved(@TempDir Path dir) {
    server.enqueue(json("{\"asset\": {\"id\": \"asset_v\", \"url\": \"" + server.url("/cdn/v.mp4") + "\"}}"));
    server.enqueue(redirect(302, "http://cdn.ltx4j.test:" + elsewhere.getPort() + "/v.mp4?signature=s3cr3t"));
    elsewhere.enqueue(new MockResponse.Builder().body("video").build());
    Path target = dir.resolve("v.mp4");

    UnexpectedRedirectException refused = catchThrowableOfType(UnexpectedRedirectException.class,
        () -> client().assets().download("asset_v", target, DownloadOptions.defaults()));

    assertThat(refused.location()).doesNotContain("s3cr3t");
    assertThat(elsewhere.getRequestCount()).isZero();
    assertThat(target).doesNotExist();
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void aDownloadFollowsARedirectToLoopbackAndSavesTheFile(@TempDir Path dir) throws Exception {
    server.enqueue(json("{\"asset\": {\"id\": \"asset_v\", \"url\": \"" + server.url("/cdn/v.mp4") + "\"}}"));
    server.enqueue(redirect(302, elsewhere.url("/v.mp4").toString()));
    elsewhere.enqueue(new MockResponse.Builder().body("video").build());
    Path target = dir.resolve("v.mp4");

    client().assets().download("asset_v", target, DownloadOptions.defaults());

    assertThat(Files.readString(target)).isEqualTo("video");
    assertThat(elsewhere.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void anUploadRedirectedIsNotSentAgain() {
    server.enqueue(redirect(307, "/v1/assets"));

    catchThrowableOfType(UnexpectedRedirectException.class,
        () -> client().assets().uploadImage(PNG, "frame.png"));

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private LtxClient client() {
    return TestClients.client(server, time);
  }

  private static MockResponse redirect(int status, String location) {
    return new MockResponse.Builder().code(status).addHeader("Location", location).build();
  }
}
