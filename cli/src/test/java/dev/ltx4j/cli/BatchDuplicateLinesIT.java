package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.batch.JournalStore;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchDuplicateLinesIT {
  private static final List<String> LINES = List.of(
      "{\"prompt\": \"A lighthouse at dusk\"}", "{\"prompt\": \"A lighthouse at dusk\"}",
      "{\"prompt\": \"A lighthouse at dusk\"}", "{\"prompt\": \"A lighthouse at dusk\"}",
      "{\"prompt\": \"A red fox in the snow\"}",
      "{\"prompt\": \"Rain on a window\"}");
  private static final int KILLS = 10;

  @TempDir Path dir;

  @Test
  void identicalLinesKilledTenTimesIncludingMidSubmitEndWithOneJobAndOneVideoPerLine() throws Exception {
    Path file = Files.write(dir.resolve("prompts.jsonl"), LINES);
    Path out = dir.resolve("out");
    Random random = new Random(20261201);
    try (Sandbox sandbox = Sandbox.builder().port(0).start()) {
      sandbox.faults().latency(Duration.ofMillis(1200), Endpoint.GENERATE); // each answer comes 1.2 s after its job
      int midSubmit = 0;
      List<String> logs = new ArrayList<>();
      for (int kill = 0; kill < KILLS; kill++) {
        long before = sandbox.counters().submissions();
        Path log = dir.resolve("run-" + kill + ".log");
        Process batch = BatchProcess.start(sandbox, file, out, log, "--concurrency", "2");
        // The first half kills right after a submission; each such run leaves at most two more lines with a job
        if (kill < KILLS / 2 && awaitSubmission(sandbox, before, batch)) {
          Thread.sleep(random.nextInt(300)); // a job was created; its answer is still on its way
          midSubmit += batch.isAlive() ? 1 : 0;
        } else {
          batch.waitFor(300 + random.nextInt(2500), TimeUnit.MILLISECONDS);
        }
        batch.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flushing
        logs.add(Files.readString(log));
      }
      Process last = BatchProcess.start(sandbox, file, out, dir.resolve("last.log"), "--concurrency", "2");
      assertThat(last.waitFor(90, TimeUnit.SECONDS)).as("the resumed batch finishes").isTrue();
      String output = Files.readString(dir.resolve("last.log"));
      logs.add(output);

      assertThat(last.exitValue()).as(output).isZero();
      // How many kills land mid-submit depends on the machine's pace; two show the window was hit more than once.
      assertThat(midSubmit).as("runs killed while a created job's answer was on its way").isGreaterThanOrEqualTo(2);
      assertThat(String.join("\n", logs)).as("jobs recovered after a kill").contains("by recovery");
      assertThat(sandbox.counters().submissions()).as("jobs created").isEqualTo(LINES.size());
      String batchId = BatchLines.read(file).batchId();
      try (JournalStore journal = JournalStore.open(out)) {
        List<String> jobs = new ArrayList<>();
        for (int line = 1; line <= LINES.size(); line++) {
          assertThat(Probe.streams(out.resolve("line-" + line + ".mp4"))).as("line " + line).startsWith("h264");
          jobs.add(journal.line(batchId, line).orElseThrow().jobId());
        }
        assertThat(jobs).as("one job per line").doesNotContainNull().doesNotHaveDuplicates();
      }
    }
  }

  /** True once the sandbox has created a job beyond {@code before}, false if the batch ended or 5 s passed first. */
  private static boolean awaitSubmission(Sandbox sandbox, long before, Process batch) throws InterruptedException {
    for (int i = 0; i < 500 && batch.isAlive(); i++) {
      if (sandbox.counters().submissions() > before) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
