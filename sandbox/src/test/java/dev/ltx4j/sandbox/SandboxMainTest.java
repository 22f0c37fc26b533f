package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.ServerException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The command-line entry point and the admin counters it points at. */
class SandboxMainTest {
  @Test
  void printsTheBaseUrlOfASandboxOnAFreePort() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Sandbox sandbox = SandboxMain.start(new String[] {"--port", "0", "--api-key", "k", "--api-secret", "s"},
        new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).startsWith("LTX4J_BASE_URL=http://127.0.0.1:").contains("SCENARIO_SDK_API_KEY=k\n");
      String baseUrl = printed.lines().findFirst().orElseThrow().substring("LTX4J_BASE_URL=".length());
      try (LtxClient client = LtxClient.builder().baseUrl(baseUrl).apiKey("k").apiSecret("s").build()) {
        assertThat(client.quote(LtxRequest.of("x")).creativeUnitsCost()).isEqualTo(2.0);
      }
    }
  }

  @Test
  void appliesFaultsGivenAsText() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Sandbox sandbox = SandboxMain.start(new String[] {"--faults", "serverErrors:GET_JOB=1.0"}, new PrintStream(out));
        LtxClient client = sandbox.clientBuilder().maxRetries(0).build()) {
      assertThatThrownBy(() -> client.getJob("job_x")).isInstanceOf(ServerException.class);
    }
  }

  @Test
  void answersInTheVariantFormsWithTheRealWorldFlag() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Sandbox sandbox = SandboxMain.start(new String[] {"--real-world", "--port", "0"}, new PrintStream(out));
        LtxClient client = sandbox.newClient()) {
      String jobId = client.submit(LtxRequest.of("x")).jobId();
      try (Response response = Http.CLIENT.newCall(ApiBehaviourTest.authorized(sandbox, "/jobs/" + jobId).build())
          .execute()) {
        assertThat(response.body().string()).startsWith("{\"job\":{\"id\":\"" + jobId + "\"");
      }
    }
  }

  @Test
  void answersBulkAssetReads404WithTheNoBulkAssetReadsFlag() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Sandbox sandbox = SandboxMain.start(new String[] {"--no-bulk-asset-reads", "--port", "0"},
        new PrintStream(out))) {
      okhttp3.RequestBody body = okhttp3.RequestBody.create("{\"assetIds\": []}",
          okhttp3.MediaType.get("application/json"));

      assertThat(Calls.send(ApiBehaviourTest.authorized(sandbox, "/assets/get-bulk").post(body).build()).status())
          .isEqualTo(404);
    }
  }

  @Test
  void refusesAnUnknownOption() {
    assertThatThrownBy(() -> SandboxMain.start(new String[] {"--colour", "blue"}, System.out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
  }

  @Test
  void servesCountersAsJsonAtTheAdminEndpoint() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().start(); LtxClient client = sandbox.newClient()) {
      sandbox.faults().trickledBodies(1.0, Endpoint.GENERATE).tricklePace(1 << 20, java.time.Duration.ZERO);
      client.submit(LtxRequest.of("A red kite"));
      Request request = new Request.Builder().url(sandbox.baseUrl().replace("/v1", "/_admin/counters")).build();
      try (Response response = Http.CLIENT.newCall(request).execute()) {
        String json = response.body().string();
        assertThat(json).contains("\"GENERATE\":1").contains("\"submissions\":1")
            .contains("\"faults\":{\"TRICKLE\":{\"GENERATE\":1}}")
            .contains("\\\"prompt\\\":\\\"A red kite\\\"");
      }
    }
  }

  @Test
  void standaloneMetersTheServicesHundredCallsAMinuteByDefault() {
    try (Sandbox sandbox = SandboxMain.start(new String[0], new PrintStream(new ByteArrayOutputStream()))) {
      Calls.admitted(sandbox, Sandbox.SERVICE_REQUESTS_PER_MINUTE);

      assertThat(Calls.get(sandbox, Calls.LIST).status()).isEqualTo(429);
      assertThat(sandbox.counters().rateLimitRefusals()).isEqualTo(1);
    }
  }

  @Test
  void takesTheRequestRateAndTheCeilingAsOptions() {
    String[] args = {"--requests-per-minute", "0", "--ceiling", "1", "--time-scale", "10"};
    try (Sandbox sandbox = SandboxMain.start(args, new PrintStream(new ByteArrayOutputStream()))) {
      Calls.admitted(sandbox, Sandbox.SERVICE_REQUESTS_PER_MINUTE + 1);
      assertThat(Calls.generate(sandbox, "one").status()).isEqualTo(200);

      assertThat(Calls.generate(sandbox, "two").body()).contains("\"actionLimit\":1}");
      assertThat(sandbox.counters().rateLimitRefusals()).isZero();
    }
  }

  @Test
  void theAdminCountersReportEachKindOf429AndTheLoad() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().requestsPerMinute(1).concurrencyCeiling(1).start()) {
      assertThat(Calls.generate(sandbox, "one").status()).isEqualTo(200);
      assertThat(Calls.generate(sandbox, "two").status()).as("over the rate first").isEqualTo(429);
      Request request = new Request.Builder().url(sandbox.baseUrl().replace("/v1", "/_admin/counters")).build();
      try (Response response = Http.CLIENT.newCall(request).execute()) {
        assertThat(response.body().string()).contains("\"rateLimitRefusals\":1,\"concurrencyRefusals\":0,"
            + "\"maxRequestsInWindow\":1,\"peakRunningGenerations\":1,\"generationJobSeconds\":")
            .contains("\"sandboxSeconds\":");
      }
    }
  }
}
