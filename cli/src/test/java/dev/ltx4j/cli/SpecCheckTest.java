package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec-check against the sandbox's model endpoint and the model's real API reference, as published and drifted. */
class SpecCheckTest {
  /** The model's API reference as Scenario publishes it (a copy, with the publisher's wording). */
  private static final Path REFERENCE = Path.of("src", "test", "resources", "ltx-2-3-fast-api-reference.md");


  @TempDir Path dir;
  private Sandbox sandbox;

  @AfterEach
  void stop() {
    ApiProperties.clear();
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void theBundledSpecAgainstTheSandboxAndTheReferenceIsNoDrift() throws Exception {
    serve(inputs -> inputs);
    Path reference = REFERENCE;

    CliRun run = CliRun.of("spec-check", "--reference", reference.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("GET /v1/models/model_ltx-2-3-fast: no drift", reference + ": no drift");
  }

  @Test
  void aDriftedModelIsADiffOfEveryChangeAndExit12() {
    serve(inputs -> {
      inputs.add(input("seed", "number", "min", 0, "max", 2147483647));
      input(inputs, "cameraMotion").put("allowedValues", List.of("none", "dolly_in", "dolly_out", "dolly_left",
          "dolly_right", "jib_up", "jib_down", "focus_shift"));
      input(inputs, "duration").put("allowedValues", List.of(6, 8, 10));
      input(inputs, "resolution").put("default", "720p");
      inputs.removeIf(input -> input.get("name").equals("generateAudio"));
      input(inputs, "prompt").put("maxLength", 2000);
      return inputs;
    });

    CliRun run = CliRun.of("spec-check");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DRIFT);
    assertThat(run.out()).contains("GET /v1/models/model_ltx-2-3-fast: 6 differences",
        "- generateAudio: in the bundled spec, not published",
        "+ seed: published (number, 0 to 2147483647), not in the bundled spec",
        "~ prompt: maximum length 5000 in the bundled spec, 2000 published",
        "~ resolution: default 1080p in the bundled spec, 720p published",
        "~ duration: no longer allowed: 12, 14, 16, 18, 20",
        "~ cameraMotion: no longer allowed: static");
  }

  @Test
  void anEditedReferenceIsADiffAndARenameIsNamed() throws Exception {
    serve(inputs -> inputs);
    String edited = Files.readString(REFERENCE).replace("| `cameraMotion` | string", "| `cameraMove` | string")
        .replace("| `duration` | number | - | `6` |", "| `duration` | number | - | `5` |")
        .replace("| `fps` | number |", "| `fps` | string |");
    Path reference = Files.writeString(dir.resolve("edited.md"), edited);

    CliRun run = CliRun.of("spec-check", "--reference", reference.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DRIFT);
    assertThat(run.out()).contains("\"drift\":true", "- cameraMotion: in the bundled spec, not published "
        + "(renamed to cameraMove?)", "~ duration: default 6 in the bundled spec, 5 published",
        "~ fps: type number in the bundled spec, string published");
  }

  @Test
  void aReferenceWithoutAParameterTableIsRefusedBeforeTheServiceIsAsked() throws Exception {
    serve(inputs -> inputs);
    Path reference = Files.writeString(dir.resolve("notes.md"), "# Notes\nNothing here.\n");

    CliRun run = CliRun.of("spec-check", "--reference", reference.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(reference.toString(), "no parameter table");
    assertThat(sandbox.counters().requests().values().stream().mapToLong(Long::longValue).sum()).isZero();
  }

  @Test
  void answersThatBreakTheSpecAreDriftAndUnlistedFieldsANote() throws Exception {
    try (Sandbox real = Sandbox.builder().start(); mockwebserver3.MockWebServer service = new mockwebserver3.MockWebServer()) {
      okhttp3.OkHttpClient forward = new okhttp3.OkHttpClient();
      service.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
          String path = request.getUrl().encodedPath();
          if (path.startsWith("/v1/generate/")) {
            return json("{\"creativeUnitsCost\": \"two\", \"creativeUnitsDiscount\": 0}");
          }
          if (path.endsWith("/jobs/" + AnswerCheck.MISSING_JOB)) {
            return json("{\"job\": {\"jobId\": \"" + AnswerCheck.MISSING_JOB + "\", \"status\": \"success\"}}");
          }
          try (okhttp3.Response answer = forward.newCall(new okhttp3.Request.Builder()
              .url(real.baseUrl().replaceFirst("/v1$", "") + request.getUrl().encodedPath()
                  + (request.getUrl().encodedQuery() == null ? "" : "?" + request.getUrl().encodedQuery()))
              .header("Authorization", okhttp3.Credentials.basic(real.apiKey(), real.apiSecret())).build()).execute()) {
            String body = answer.body().string();
            if (path.equals("/v1/jobs")) {
              body = body.replaceFirst("\\{", "{\"teamMood\": \"sunny\",");
            }
            return new mockwebserver3.MockResponse.Builder().code(answer.code())
                .addHeader("Content-Type", "application/json").body(body).build();
          } catch (java.io.IOException e) {
            return new mockwebserver3.MockResponse.Builder().code(500).build();
          }
        }
      });
      service.start();
      ApiProperties.pointAt(service.url("/v1").toString(), "key", "secret");

      CliRun run = CliRun.of("spec-check");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DRIFT);
      assertThat(run.out()).contains("GET /v1/models/model_ltx-2-3-fast: no drift",
          "POST /v1/generate/custom/model_ltx-2-3-fast (200)", "creativeUnitsCost",
          "GET /v1/jobs/" + AnswerCheck.MISSING_JOB + ": not answered 404",
          "note: GET /v1/jobs (200) holds fields the spec does not list", "teamMood");
    }
  }

  private static mockwebserver3.MockResponse json(String body) {
    return new mockwebserver3.MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  private void serve(UnaryOperator<List<Map<String, Object>>> edit) {
    sandbox = Sandbox.builder().publishedInputs(edit).start();
    ApiProperties.pointAt(sandbox.baseUrl(), sandbox.apiKey(), sandbox.apiSecret());
  }

  private static Map<String, Object> input(List<Map<String, Object>> inputs, String name) {
    return inputs.stream().filter(input -> input.get("name").equals(name)).findFirst().orElseThrow();
  }

  private static Map<String, Object> input(Object... namesAndValues) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("name", namesAndValues[0]);
    input.put("type", namesAndValues[1]);
    for (int i = 2; i < namesAndValues.length; i += 2) {
      input.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return input;
  }
}
