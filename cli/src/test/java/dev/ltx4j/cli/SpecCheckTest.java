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
