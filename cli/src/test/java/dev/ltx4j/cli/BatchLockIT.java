package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLockIT {
  private static final int LINES = 4;

  @TempDir Path dir;

  @Test
  void aSecondBatchOnTheSameFolderIsRefusedAtOnceNamingTheHolderAndEachLineIsSubmittedOnce() throws Exception {
    Path file = Files.write(dir.resolve("prompts.jsonl"), IntStream.rangeClosed(1, LINES)
        .mapToObj(i -> "{\"prompt\": \"Scene " + i + "\"}").toList());
    Path out = dir.resolve("out");
    try (Sandbox sandbox = Sandbox.builder().port(0).start()) {
      sandbox.faults().latency(Duration.ofMillis(500), Endpoint.GENERATE);
      Process first = BatchProcess.start(sandbox, file, out, dir.resolve("first.log"));
      awaitLockHolder(out, first);

      Process second = BatchProcess.start(sandbox, file, out, dir.resolve("second.log"));
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second batch ends by itself").isTrue();
      boolean firstStillRunning = first.isAlive();
      String refusal = Files.readString(dir.resolve("second.log"));

      assertThat(second.exitValue()).as(refusal).isEqualTo(ExitCodes.BUSY);
      assertThat(firstStillRunning).as("the second gave up without waiting for the first").isTrue();
      assertThat(refusal).contains(out + " is in use by another batch: pid " + first.pid() + " on ",
          "(lock file " + out.resolve("batch.lock") + ")", "Nothing was sent");
      assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("the first batch finishes").isTrue();
      assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
      assertThat(sandbox.counters().submissions()).isEqualTo(LINES);
      assertThat(sandbox.counters().maxSubmissionsOfOneBody()).isEqualTo(1);
    }
  }

  private static void awaitLockHolder(Path out, Process holder) throws Exception {
    Path lock = out.resolve("batch.lock");
    for (int i = 0; i < 400; i++) {
      if (Files.exists(lock) && Files.readString(lock).startsWith("pid " + holder.pid() + " ")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the first batch never took the lock");
  }
}
