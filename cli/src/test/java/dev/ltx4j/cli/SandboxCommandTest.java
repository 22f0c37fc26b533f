package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.InsufficientCreditsException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ltx4j sandbox}: the sandbox its options describe. */
class SandboxCommandTest {
  @Test
  void realWorldServesJobsInTheVariantFormsTheClientStillReads() {
    try (Sandbox sandbox = started("--real-world", "--port", "0"); LtxClient client = sandbox.newClient()) {
      JobSnapshot job = client.submit(LtxRequest.of("A kite over the dunes")).job();

      assertThat(job.job().jobId()).isNull();
      assertThat(job.job().id()).startsWith("job_");
      assertThat(job.id()).contains(job.job().id());
    }
  }

  @Test
  void withoutTheFlagJobsAreWrittenAsDocumented() {
    try (Sandbox sandbox = started("--port", "0"); LtxClient client = sandbox.newClient()) {
      JobSnapshot job = client.submit(LtxRequest.of("A kite over the dunes")).job();

      assertThat(job.job().jobId()).startsWith("job_");
      assertThat(job.job().id()).isNull();
    }
  }

  @Test
  void withoutBulkAssetReadsTheBulkEndpointAnswers404AsAServiceWithoutIt() throws Exception {
    try (Sandbox sandbox = started("--port", "0", "--no-bulk-asset-reads")) {
      okhttp3.Request request = new okhttp3.Request.Builder().url(sandbox.baseUrl() + "/assets/get-bulk")
          .header("Authorization", okhttp3.Credentials.basic(sandbox.apiKey(), sandbox.apiSecret()))
          .post(okhttp3.RequestBody.create("{\"assetIds\": []}", okhttp3.MediaType.get("application/json")))
          .build();
      try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(404);
      }
      assertThat(sandbox.counters().requests(Endpoint.GET_ASSETS_BULK)).isEqualTo(1);
    }
  }

  @Test
  void faultsGivenAsTextAreServedAnAccountOutOfCreditsIsRefusedWith402() {
    try (Sandbox sandbox = started("--port", "0", "--faults", "creditsLeft=0"); LtxClient client = sandbox.newClient()) {
      assertThatThrownBy(() -> client.submit(LtxRequest.of("A kite over the dunes")))
          .isInstanceOf(InsufficientCreditsException.class);
    }
  }

  @Test
  void anUnknownFaultIsRefusedByNameBeforeAnythingIsServed() {
    assertThatThrownBy(() -> started("--port", "0", "--faults", "serverErrors=0.1,meteorStrike=1"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--faults").hasMessageContaining("meteorStrike");
  }

  @Test
  void aTimeScaleOfZeroOrLessIsRefused() {
    assertThatThrownBy(() -> started("--port", "0", "--time-scale", "0"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--time-scale 0.0");
  }

  @Test
  void aPortInUseOrOutOfRangeIsAUsageErrorNamingIt() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      assertThatThrownBy(() -> started("--port", Integer.toString(taken.getLocalPort())))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining("cannot listen on port " + taken.getLocalPort()).hasMessageContaining("--port 0");
    }
    assertThatThrownBy(() -> started("--port", "70000"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("port 70000 is not one");
  }

  private static Sandbox started(String... args) {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs(args);
    return SandboxServing.start(command.options);
  }
}
