package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
  @StartStop private final MockWebServer api = new MockWebServer();

  private void pointAtServer() {
    ApiProperties.pointAt(api);
  }

  @AfterEach
  void forgetServer() {
    ApiProperties.clear();
  }

  @Test
  void aStartImageIdTheProjectDoesNotHaveIsRefusedBeforeAnythingIsPaidFor() throws InterruptedException {
    pointAtServer();
    api.enqueue(new MockResponse.Builder().code(404).body("{\"reason\": \"Asset not found\"}").build());

    CliRun run = CliRun.of("generate", "A cat", "--start-image", "asset_doesnotexist", "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--start-image asset_doesnotexist: no such asset in this project")
        .contains("ltx4j upload");
    assertThat(api.getRequestCount()).isEqualTo(1);
    assertThat(api.takeRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void uploadingAFileThatDoesNotExistIsAUsageErrorNamingIt() {
    pointAtServer();

    CliRun run = CliRun.of("upload", "nope.png");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("nope.png: no such file");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void quoteSendsEveryOptionAsTheDocumentedFieldWithDryRunInTheQuery() throws InterruptedException {
    pointAtServer();
    api.enqueue(new MockResponse.Builder().body("{\"creativeUnitsCost\": 4, \"creativeUnitsDiscount\": 0, \"job\": {}}").build());

    CliRun run = CliRun.of("quote", "A cat", "--resolution", "1080p", "--duration", "12", "--fps", "24",
        "--aspect-ratio", "9:16", "--camera-motion", "jib_up", "--no-audio", "--start-image", "asset_first",
        "--end-image", "asset_last", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    RecordedRequest request = api.takeRequest();
    assertThat(request.getUrl().queryParameter("dryRun")).isEqualTo("true");
    assertThat(request.getBody().utf8()).isEqualTo("{\"prompt\":\"A cat\",\"startImage\":\"asset_first\","
        + "\"endImage\":\"asset_last\",\"resolution\":\"1080p\",\"duration\":12,\"aspectRatio\":\"9:16\",\"fps\":24,"
        + "\"cameraMotion\":\"jib_up\",\"generateAudio\":false}");
    assertThat(run.out().trim()).isEqualTo("{\"creativeUnitsCost\":4.0,\"creativeUnitsDiscount\":0.0}");
  }

  @Test
  void jobPrintsStatusProgressAndAssets() {
    pointAtServer();
    api.enqueue(new MockResponse.Builder().body("{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"success\","
        + " \"progress\": 1, \"metadata\": {\"assetIds\": [\"asset_abc123\"]}}}").build());

    CliRun run = CliRun.of("job", "job_abc123");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().trim()).isEqualTo("job_abc123  success  100%  assets: asset_abc123");
  }

  @Test
  void invalidParametersAreRefusedBeforeAnythingIsSent() {
    pointAtServer();

    CliRun fps = CliRun.of("generate", "A cat", "--fps", "30", "-o", "cat.mp4");
    CliRun longVideo = CliRun.of("generate", "A cat", "--duration", "20", "--resolution", "4k");
    CliRun motion = CliRun.of("quote", "A cat", "--camera-motion", "orbit");
    CliRun image = CliRun.of("generate", "A cat", "--start-image", "missing.png");

    assertThat(List.of(fps, longVideo, motion, image)).allSatisfy(run -> assertThat(run.exitCode()).isEqualTo(2));
    assertThat(fps.err()).contains("--fps 30 is not allowed; allowed: [24, 25, 48, 50]");
    assertThat(longVideo.err()).contains("needs --resolution 1080p");
    assertThat(motion.err()).contains("--camera-motion 'orbit' is not allowed; allowed: [none, dolly_in");
    assertThat(image.err()).contains("--start-image missing.png: no such file");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void aBatchWithOneFaultyLineSendsNothingAndNamesTheLineWithoutAStackTrace(@TempDir Path dir) throws IOException {
    pointAtServer();
    Path file = Files.writeString(dir.resolve("prompts.jsonl"),
        "{\"prompt\": \"A cat\"}\n{\"prompt\": \"A dog\"}\n{\"prompt\": \"A fox\", \"duration\": 8.9}\n");

    CliRun run = CliRun.of("batch", file.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("ltx4j: " + file + " line 3: \"duration\" must be a whole number, got 8.9");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void withoutCredentialsOrSandboxTheMessageNamesBothVariablesAndTheFlag() {
    assumeTrue(System.getenv("SCENARIO_SDK_API_KEY") == null, "credentials are set in this environment");

    CliRun run = CliRun.of("job", "job_abc123");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET", "--sandbox")
        .doesNotContain("LtxClient.builder");
  }

  @Test
  void anApiErrorGivesItsExitCodeAndTheServicesReason() {
    pointAtServer();
    api.enqueue(new MockResponse.Builder().code(404).body("{\"reason\": \"Job not found\"}").build());

    CliRun run = CliRun.of("job", "job_missing");

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.err()).contains("HTTP 404: Job not found");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun run = CliRun.of("generat", "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Did you mean", "generate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate", "quote", "job", "wait", "download", "upload", "batch", "sandbox"})
  void everyCommandHasHelpWithExamples(String command) {
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: ltx4j " + command, "Examples:");
  }

  @Test
  void topLevelHelpListsTheExitCodes() {
    assertThat(CliRun.of("--help").out()).contains("Exit codes:", "8  a generation may have been created",
        "9  the batch output folder is in use", "10 the job finished but its video could not be saved");
  }

  @Test
  void aDeadlineThatCannotBeMetIsRefusedBeforeTheGenerationIsSent() {
    pointAtServer();

    CliRun zero = CliRun.of("generate", "A cat", "--deadline", "0s");
    CliRun negative = CliRun.of("generate", "A cat", "--deadline", "-5s");

    assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).contains("--deadline 0s must be more than 0");
    assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(api.getRequestCount()).isZero();
  }
}
