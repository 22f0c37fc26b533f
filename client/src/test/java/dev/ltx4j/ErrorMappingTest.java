package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
      "400, BadRequestException",
      "401, AuthenticationException",
      "403, PermissionDeniedException",
      "404, NotFoundException",
      "409, ApiException",
      "429, RateLimitException",
      "500, ServerException",
      "503, ServerException"})
  void eachErrorStatusBecomesItsException(int status, String exception) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(status, "{\"reason\": \"why " + status + "\"}"));
    }

    assertThatThrownBy(() -> TestClients.client(server, time).getJob("job_abc123"))
        .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(exception))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(status);
          assertThat(e.body().reason()).isEqualTo("why " + status);
        })
        .hasMessage("GET /v1/jobs/job_abc123 failed with HTTP " + status + ": why " + status);
  }

  @Test
  void readsReasonThenMessageThenErrorThenDetail() {
    server.enqueue(json(400, "{\"message\": \"m\", \"error\": \"e\", \"detail\": \"d\"}"));
    server.enqueue(json(400, "{\"error\": \"e\", \"detail\": \"d\"}"));
    server.enqueue(json(400, "{\"detail\": \"d\", \"details\": {\"field\": \"prompt\"}}"));
    LtxClient client = TestClients.client(server, time);

    assertThatThrownBy(() -> client.getJob("job_1")).hasMessageEndingWith(": m");
    assertThatThrownBy(() -> client.getJob("job_1")).hasMessageEndingWith(": e");
    assertThatThrownBy(() -> client.getJob("job_1"))
        .hasMessageEndingWith(": d")
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body().details()).containsEntry("field", "prompt"));
  }

  @Test
  void keepsABodyThatIsNotJsonAsRawText() {
    server.enqueue(new MockResponse.Builder().code(400).body("<html>Bad gateway config</html>").build());

    assertThatThrownBy(() -> TestClients.client(server, time).getJob("job_1"))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.body().text()).isEmpty();
          assertThat(e.body().raw()).isEqualTo("<html>Bad gateway config</html>");
        })
        .hasMessage("GET /v1/jobs/job_1 failed with HTTP 400");
  }

  @Test
  void cancelOfAGenerationJobRaisesNotCancellable() throws InterruptedException {
    server.enqueue(json(400, "{\"reason\": \"Cannot cancel this type of job. Action not permitted.\"}"));

    assertThatThrownBy(() -> TestClients.client(server, time).cancel("job_abc123"))
        .isInstanceOf(JobNotCancellableException.class)
        .hasMessageContaining("Cannot cancel this type of job");
    assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"action\":\"cancel\"}");
  }

  @Test
  void aSuccessfulAnswerThatIsNotJsonIsATypedErrorAndNotRetried() {
    server.enqueue(json("{not json"));

    assertThatThrownBy(() -> TestClients.client(server, time).getJob("job_1"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("not the documented JSON");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aNetworkFailureAfterRetriesIsAnIoException() throws Exception {
    String url = server.url("/v1").toString();
    server.close();

    LtxClient client = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(url).clock(time).sleeper(time).build();

    assertThatThrownBy(() -> client.getJob("job_1"))
        .isInstanceOf(Ltx4jIoException.class)
        .hasMessageContaining("GET /v1/jobs/job_1 failed: the connection was refused or could not be made");
    assertThat(time.sleeps()).hasSize(2);
  }
}
