package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option defaults from the user's config file, and the shell completion script. */
class ConfigAndCompletionTest {
  @StartStop private final MockWebServer api = new MockWebServer();
  @TempDir Path dir;

  @AfterEach
  void forget() {
    ApiProperties.clear();
    System.clearProperty("ltx4j.config");
  }

  @Test
  void optionsTakeTheirDefaultsFromTheConfigFileAndTheCommandLineWins() throws Exception {
    configFile("ltx4j.quote.fps=24\nduration=12\n");
    for (int i = 0; i < 2; i++) {
      api.enqueue(new MockResponse.Builder().body("{\"creativeUnitsCost\": 4}").build());
    }

    CliRun fromFile = CliRun.of("quote", "A cat");
    CliRun overridden = CliRun.of("quote", "A cat", "--fps", "25");

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(api.takeRequest().getBody().utf8()).contains("\"duration\":12", "\"fps\":24");
    assertThat(overridden.exitCode()).as(overridden.err()).isZero();
    assertThat(api.takeRequest().getBody().utf8()).contains("\"duration\":12", "\"fps\":25");
  }

  @Test
  void aMisspeltKeyInTheConfigFileIsNamedWithItsFileAndNothingIsSent() throws Exception {
    Path config = configFile("duration=12\ndurration=8\n");

    CliRun run = CliRun.of("quote", "A cat");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
    assertThat(run.err()).contains(config.toString()).contains("'durration'");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void aBadValueInTheConfigFileIsNamedWithItsFileAndKeyAndNothingIsSent() throws Exception {
    Path config = configFile("ltx4j.quote.duration=twelve\n");

    CliRun run = CliRun.of("quote", "A cat");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
    assertThat(run.err()).contains("'twelve'", config.toString(), "key 'ltx4j.quote.duration'");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void aValueTheModelDoesNotTakeInTheConfigFileIsNamedWithTheFileAndNothingIsSent() throws Exception {
    Path config = configFile("duration=7\n");

    CliRun run = CliRun.of("quote", "A cat");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
    assertThat(run.err()).contains("--duration 7 is not allowed", config.toString());
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void aBadValueTypedOnTheCommandLineIsAUsageErrorEvenWhenTheConfigFileSetsIt() throws Exception {
    Path config = configFile("duration=12\n");

    CliRun run = CliRun.of("quote", "A cat", "--duration", "twelve");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'twelve'").doesNotContain("config file");
  }

  /** A config file of {@code content} that commands run here read, and the API they send to. */
  private Path configFile(String content) throws Exception {
    ApiProperties.pointAt(api);
    Path config = Files.writeString(dir.resolve("config.properties"), content);
    System.setProperty("ltx4j.config", config.toString());
    return config;
  }

  @Test
  void generateCompletionPrintsABashScriptForEveryCommand() {
    CliRun run = CliRun.of("generate-completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F", "generate", "batch", "--deadline");
  }
}
