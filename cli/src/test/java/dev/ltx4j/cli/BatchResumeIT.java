package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchResumeIT {
  private static final int LINES = 6;

  @TempDir Path dir;

  @Test
  void aBatchKilledAtRandomPointsResumesUntilEveryLineHasItsFileWithoutSubmittingAnyTwice() throws Exception {
    Files.write(dir.resolve("prompts.jsonl"), IntStream.rangeClosed(1, LINES)
        .mapToObj(i -> "{\"prompt\": \"Scene " + i + "\", \"duration\": " + (i % 2 == 0 ? 8 : 6) + "}").toList());
    Random random = new Random(20261125);
    try (Sandbox sandbox = Sandbox.builder().port(0).start()) {
      List<Integer> killedAfterMillis = new ArrayList<>();
      for (int kill = 0; kill < 4; kill++) {
        Process batch = start(sandbox);
        int after = 700 + random.nextInt(3000);
        if (!batch.waitFor(after, TimeUnit.MILLISECONDS)) {
          batch.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flushing
          killedAfterMillis.add(after);
        }
      }
      Process last = start(sandbox);
      assertThat(last.waitFor(180, TimeUnit.SECONDS)).as("the resumed batch finishes").isTrue();
      String output = Files.readString(dir.resolve("last.log"));

      assertThat(last.exitValue()).as(output).isZero();
      assertThat(killedAfterMillis).as("runs killed mid-way").isNotEmpty();
      for (int line = 1; line <= LINES; line++) {
        assertThat(Probe.streams(dir.resolve("out/line-" + line + ".mp4"))).startsWith("h264");
      }
      try (var files = Files.list(dir.resolve("out"))) {
        assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
      }
      assertThat(sandbox.counters().maxSubmissionsOfOneBody()).as("submissions of any one line").isEqualTo(1);
      assertThat(sandbox.counters().submissions()).isEqualTo(LINES);
    }
  }

  private Process start(Sandbox sandbox) throws IOException {
    return BatchProcess.start(sandbox, dir.resolve("prompts.jsonl"), dir.resolve("out"), dir.resolve("last.log"),
        "--concurrency", "3");
  }
}
