package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI as `./ltx4j` runs it: the packaged jar with its libraries, in a JVM of its own. */
class PackagedJarIT {
  @Test
  void versionNamesTheBuiltVersionAndJavas() throws Exception {
    Run run = run(List.of("--version"), List.of());

    assertThat(run.code()).isZero();
    assertThat(run.out().trim()).isEqualTo("ltx4j " + System.getProperty("project.version")
        + " (java " + System.getProperty("java.version") + ")");
  }

  @Test
  void aPlainHttpBaseUrlOffLoopbackIsNamedAsTheProblemNotMissingCredentials() throws Exception {
    Run run = run(List.of("job", "job_x"), List.of("LTX4J_BASE_URL=http://example.com/v1",
        "SCENARIO_SDK_API_KEY=k", "SCENARIO_SDK_API_SECRET=s"));

    assertThat(run.code()).isEqualTo(ExitCodes.CONFIGURATION);
    assertThat(run.err()).contains("'http://example.com/v1' is not HTTPS").doesNotContain("credentials:");
  }

  private record Run(int code, String out, String err) {}

  private static Run run(List<String> args, List<String> env) throws IOException, InterruptedException {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("ltx4j-cli-.*\\.jar")
          && !p.toString().contains("sources") && !p.toString().contains("javadoc")).findFirst().orElseThrow();
    }
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("SCENARIO_SDK_API_KEY");
    builder.environment().remove("SCENARIO_SDK_API_SECRET");
    builder.environment().remove("LTX4J_BASE_URL");
    for (String pair : env) {
      builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }
}
