package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) while a paid request is on its way, sent to a real process: it says a job may exist, when the
 * request left and how to find the job, and exits 8; a batch's journal keeps the line as sent for the next run.
 */
class PaidRequestSignalIT {
  @StartStop private final MockWebServer api = new MockWebServer();
  @TempDir Path dir;

  @Test
  void ctrlCDuringAGenerationsRequestSaysAJobMayExistAndHowToFindIt() throws Exception {
    api.enqueue(new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).body("{}").build());
    Path log = dir.resolve("log.txt");
    Process cli = start(log, "generate", "A cat", "--no-progress", "-o", dir.resolve("cat.mp4").toString());

    assertThat(api.takeRequest(20, TimeUnit.SECONDS)).as("the paid request reached the server").isNotNull();
    interrupt(cli);

    assertThat(cli.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(log);
    assertThat(cli.exitValue()).as(printed).isEqualTo(ExitCodes.OUTCOME_UNKNOWN);
    assertThat(printed).contains("a job may have been created and charged").contains("sent at ")
        .containsPattern("ltx4j jobs --since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void ctrlCDuringABatchsRequestLeavesTheLineJournaledAsSent() throws Exception {
    api.enqueue(new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).body("{}").build());
    Path file = Files.writeString(dir.resolve("lines.jsonl"), "{\"prompt\": \"A cat\"}\n");
    Path out = dir.resolve("out");
    Path log = dir.resolve("log.txt");
    Process cli = start(log, "batch", file.toString(), "--out", out.toString(), "--ceiling", "1");

    assertThat(api.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
    interrupt(cli);

    assertThat(cli.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(log);
    assertThat(cli.exitValue()).as(printed).isEqualTo(ExitCodes.OUTCOME_UNKNOWN);
    assertThat(printed).contains("(lines 1)").contains("run the same command again");
    assertThat(Files.readString(out.resolve(dev.ltx4j.batch.JournalStore.FILE_NAME))).contains("\"event\":\"submitting\"")
        .doesNotContain("\"event\":\"pending\"");
  }

  private Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("LTX4J_BASE_URL", api.url("/v1").toString());
    builder.environment().put("SCENARIO_SDK_API_KEY", "cli-key");
    builder.environment().put("SCENARIO_SDK_API_SECRET", "cli-secret");
    return builder.start();
  }

  private static void interrupt(Process process) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
