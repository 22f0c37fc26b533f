package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI archive as a person installs it: unpacked in an empty folder, run with nothing but a JDK on the PATH. */
class DistributionArchiveIT {
  private static final String VERSION = System.getProperty("project.version");

  @TempDir Path dir;

  @AfterEach
  void stopTheSharedSandbox() throws Exception {
    Path ltx4j = dir.resolve("ltx4j-" + VERSION).resolve("bin/ltx4j");
    if (Files.exists(ltx4j)) {
      run(dir, List.of(ltx4j.toString(), "sandbox", "--stop"));
    }
  }

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
    assertThat(normalised(generate.output())).as("the README's sample of the first command's output")
        .isEqualTo(normalised(readmeSample()));
  }

  /** The output the README shows for its first command. */
  private static String readmeSample() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String after = readme.substring(readme.indexOf("What the first command shows"));
    int start = after.indexOf("```\n") + 4;
    return after.substring(start, after.indexOf("```", start));
  }

  /** Output with what differs from run to run (ids, ports, pids) replaced. */
  private static String normalised(String output) {
    return output.replaceAll("job_[A-Za-z0-9]+", "job_ID").replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
        .replaceAll("pid \\d+", "pid PID").strip();
  }

  @Test
  void sandboxCommandsShareOneLocalSandboxUntilItIsStopped() throws Exception {
    Path archive = Path.of("target", "ltx4j-" + VERSION + ".tar.gz").toAbsolutePath();
    assertThat(run(dir, List.of("tar", "xzf", archive.toString())).code()).isZero();
    String ltx4j = dir.resolve("ltx4j-" + VERSION).resolve("bin/ltx4j").toString();
    Path work = Files.createDirectory(dir.resolve("work"));
    try {
      Run first = run(work, List.of(ltx4j, "generate", "--sandbox", "A lighthouse", "-o", "a.mp4", "--json"));
      Run second = run(work, List.of(ltx4j, "generate", "--sandbox", "A harbour", "-o", "b0.mp4", "--json"));
      String firstJob = jobId(first);
      String secondJob = jobId(second);

      Run job = run(work, List.of(ltx4j, "job", "--sandbox", firstJob));
      Run waited = run(work, List.of(ltx4j, "wait", "--sandbox", secondJob, "-o", "b.mp4"));
      Run download = run(work, List.of(ltx4j, "download", "--sandbox", firstJob, "-o", "again.mp4"));
      Run jobs = run(work, List.of(ltx4j, "jobs", "--sandbox", "--json"));

      assertThat(first.output()).contains("Started a local sandbox");
      assertThat(second.output()).doesNotContain("Started a local sandbox");
      assertThat(secondJob).isNotEqualTo(firstJob);
      assertThat(job.code()).as(job.output()).isZero();
      assertThat(job.output()).contains(firstJob, "success");
      assertThat(waited.code()).as(waited.output()).isZero();
      assertThat(download.code()).as(download.output()).isZero();
      assertThat(Files.size(work.resolve("again.mp4"))).isEqualTo(Files.size(work.resolve("a.mp4")));
      assertThat(Probe.streams(work.resolve("b.mp4"))).startsWith("h264");
      assertThat(jobs.output()).contains(firstJob, secondJob);
    } finally {
      Run stop = run(work, List.of(ltx4j, "sandbox", "--stop"));
      assertThat(stop.output()).contains("Stopped the local sandbox.");
    }
    assertThat(run(work, List.of(ltx4j, "sandbox", "--stop")).output()).contains("No local sandbox was running.");
    Run after = run(work, List.of(ltx4j, "job", "--sandbox", "job_fromTheStoppedSandbox"));
    assertThat(after.output()).contains("Started a local sandbox");
    assertThat(run(work, List.of(ltx4j, "sandbox", "--stop")).output()).contains("Stopped the local sandbox.");
  }

  private static String jobId(Run run) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"jobId\":\"(job_[^\"]+)\"")
        .matcher(run.output());
    assertThat(matcher.find()).as(run.output()).isTrue();
    return matcher.group(1);
  }

  private record Run(int code, String output) {}

  /** Runs {@code command} in {@code cwd} with a PATH holding only this JDK and the system's tools. */
  private Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("LTX4J_BASE") || name.startsWith("SCENARIO_")
        || name.equals("JAVA_HOME") || name.equals("CLASSPATH") || name.startsWith("MAVEN")
        || name.equals("LTX4J_CLI_SANDBOX"));
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString()); // the launcher's archive too
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
