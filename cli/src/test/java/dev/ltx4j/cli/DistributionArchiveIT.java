package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI archive as a person installs it: unpacked in an empty folder, run with nothing but a JDK on the PATH. */
class DistributionArchiveIT {
  private static final String VERSION = System.getProperty("project.version");

  @TempDir Path dir;

  @Test
  void theUnpackedArchiveRunsVersionAndASandboxGenerationWithoutMavenOrACheckout() throws Exception {
    Path archive = Path.of("target", "ltx4j-" + VERSION + ".tar.gz").toAbsolutePath();
    assertThat(run(dir, List.of("tar", "xzf", archive.toString())).code()).isZero();
    Path home = dir.resolve("ltx4j-" + VERSION);
    assertThat(home.resolve("LICENSE")).exists();
    assertThat(home.resolve("bin/ltx4j.bat")).exists();
    Path work = Files.createDirectory(dir.resolve("work"));

    Run version = run(work, List.of(home.resolve("bin/ltx4j").toString(), "--version"));
    Run generate = run(work, List.of(home.resolve("bin/ltx4j").toString(), "generate", "--sandbox",
        "A fantasy landscape", "-o", "landscape.mp4"));

    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output().trim()).startsWith("ltx4j " + VERSION + " (java ");
    assertThat(generate.code()).as(generate.output()).isZero();
    assertThat(Probe.streams(work.resolve("landscape.mp4"))).startsWith("h264");
  }

  private record Run(int code, String output) {}

  /** Runs {@code command} in {@code cwd} with a PATH holding only this JDK and the system's tools. */
  private static Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("LTX4J_BASE") || name.startsWith("SCENARIO_")
        || name.equals("JAVA_HOME") || name.equals("CLASSPATH") || name.startsWith("MAVEN"));
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
