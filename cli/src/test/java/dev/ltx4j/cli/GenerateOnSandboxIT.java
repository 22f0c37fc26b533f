package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateOnSandboxIT {
  @TempDir Path dir;

  @Test
  void generateOnTheSandboxSavesAPlayableVideoOfTheRequestedShape() throws Exception {
    Path video = dir.resolve("portrait.mp4");

    CliRun run = CliRun.of("generate", "--sandbox", "A lighthouse at dusk", "--duration", "8", "--fps", "24",
        "--aspect-ratio", "9:16", "-o", video.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"status\":\"success\"", "\"files\":[\"" + video + "\"]");
    String h264 = Probe.streams(video).lines().filter(line -> line.startsWith("h264")).findFirst().orElseThrow();
    String[] fields = h264.split(",");
    assertThat(Integer.parseInt(fields[1])).as("width").isLessThan(Integer.parseInt(fields[2]));
    assertThat(fields[3]).isEqualTo("24/1");
    assertThat(Double.parseDouble(fields[4])).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.1));
  }
}
