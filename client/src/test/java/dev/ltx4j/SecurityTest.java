package dev.ltx4j;

import static dev.ltx4j.TestClients.KEY;
import static dev.ltx4j.TestClients.SECRET;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SecurityTest {
  @StartStop private final MockWebServer api = new MockWebServer();
  @StartStop private final MockWebServer elsewhere = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void sendsBasicAuthAndTheUserAgentToTheApi() throws InterruptedException {
    api.enqueue(json("{\"job\": {\"jobId\": \"job_1\"}}"));

    TestClients.client(api, time).getJob("job_1");

    RecordedRequest request = api.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + base64(KEY + ":" + SECRET));
    assertThat(request.getHeaders().get("User-Agent")).matches("ltx4j/\\S+ java/\\S+").doesNotContain("unknown");
  }

  @Test
  void noAuthorizationHeaderFollowsARedirectToAnotherHost() throws InterruptedException {
    api.enqueue(new MockResponse.Builder().code(302).addHeader("Location", elsewhere.url("/v1/jobs/job_1")).build());
    elsewhere.enqueue(json("{\"job\": {\"jobId\": \"job_1\"}}"));

    TestClients.client(api, time).getJob("job_1");

    assertThat(api.takeRequest().getHeaders().get("Authorization")).isNotNull();
    RecordedRequest redirected = elsewhere.takeRequest();
    assertThat(redirected.getUrl().encodedPath()).isEqualTo("/v1/jobs/job_1");
    assertThat(redirected.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void anErrorBodyThatEchoesTheCredentialsHasThemStruckOutOfTheException() {
    String basic = base64(KEY + ":" + SECRET);
    api.enqueue(json(401, "{\"message\": \"bad key " + KEY + " with secret " + SECRET + " (Authorization: Basic "
        + basic + ")\"}"));

    assertThatThrownBy(() -> TestClients.client(api, time).getJob("job_1"))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.getMessage()).contains("bad key [redacted]").doesNotContain(KEY).doesNotContain(SECRET)
              .doesNotContain(basic);
          assertThat(e.body().raw()).doesNotContain(KEY).doesNotContain(SECRET).doesNotContain(basic);
        });
  }

  @Test
  void secretsNeverAppearInLogsExceptionsOrToString() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      api.enqueue(json(503, "{\"message\": \"busy\"}"));
    }
    api.enqueue(json(401, "{\"message\": \"Unauthorized\"}"));
    LtxClientBuilder builder = TestClients.builder(api, time);
    LtxClient client = builder.build();
    texts.add(builder.toString());
    texts.add(client.toString());

    for (String jobId : new String[] {"job_storm", "job_401"}) {
      try {
        client.getJob(jobId);
      } catch (Ltx4jException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
      }
    }
    texts.add(Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"))));

    assertThat(texts.get(texts.size() - 1)).as("the TRACE log captured the retry storm").contains("retrying in");
    assertThat(texts.get(texts.size() - 2)).contains("AuthenticationException");
    String basic = base64(KEY + ":" + SECRET);
    for (String text : texts) {
      assertThat(text).doesNotContain(KEY).doesNotContain(SECRET).doesNotContain(basic);
    }
  }

  @Test
  void refusesAPlainHttpBaseUrlUnlessLoopback() {
    assertThatThrownBy(() -> LtxClient.builder().apiKey("k").apiSecret("s").baseUrl("http://api.example.com/v1").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not HTTPS");
    LtxClient.builder().apiKey("k").apiSecret("s").baseUrl("http://127.0.0.1:8080/v1").build().close();
    LtxClient.builder().apiKey("k").apiSecret("s").baseUrl("http://localhost:8080/v1").build().close();
    LtxClient.builder().apiKey("k").apiSecret("s").baseUrl("http://[::1]:8080/v1").build().close();
  }

  @Test
  void aPasswordInTheBaseUrlIsRefusedAndNeverPrinted() {
    LtxClientBuilder builder = LtxClient.builder().apiKey("k").apiSecret("s")
        .baseUrl("https://user:hunter2@api.example.com/v1");

    assertThatThrownBy(builder::build).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("user name or password").hasMessageNotContaining("hunter2");
    assertThat(builder.toString()).contains("api.example.com").doesNotContain("hunter2").doesNotContain("user:");
  }

  @Test
  void missingCredentialsNameBothVariablesAndTheBuilderMethods() {
    assertThatThrownBy(() -> LtxClient.builder().apiKey("k").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SCENARIO_SDK_API_KEY")
        .hasMessageContaining("SCENARIO_SDK_API_SECRET")
        .hasMessageContaining(".apiKey(")
        .hasMessageContaining(".apiSecret(");
  }

  @Test
  void systemPropertiesConfigureTheClientFromTheEnvironment() throws InterruptedException {
    api.enqueue(json("{\"job\": {\"jobId\": \"job_1\"}}"));
    System.setProperty("scenario.sdk.apiKey", "prop-key");
    System.setProperty("scenario.sdk.apiSecret", "prop-secret");
    System.setProperty("ltx4j.baseUrl", api.url("/v1").toString());
    try (LtxClient client = LtxClient.fromEnv()) {
      client.getJob("job_1");
    } finally {
      System.clearProperty("scenario.sdk.apiKey");
      System.clearProperty("scenario.sdk.apiSecret");
      System.clearProperty("ltx4j.baseUrl");
    }

    assertThat(api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Basic " + base64("prop-key:prop-secret"));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
