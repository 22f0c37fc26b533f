package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Oversized answers against a client in a 64 MB heap: typed errors, no call left hanging, the client still works. */
class SmallHeapTest {
  @Test
  void oversizedAnswersGiveTypedErrorsInA64MbHeapAndTheClientKeepsWorking() throws Exception {
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), SmallHeapProbe.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(probe.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(line -> line.contains("=")).toList()).as(output).containsExactly(
        "json-1GiB=ResponseTooLargeException",
        "error-500MB=ServerException",
        "gzip-256MiB=ResponseTooLargeException",
        "normal-after=ok",
        "unbounded-1GiB=UnexpectedResponseException",
        "unbounded-normal-after=ok");
  }
}
