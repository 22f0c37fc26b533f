package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.sandbox.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSafetyTest {
  @TempDir Path dir;
  private CliSandbox sandbox;
  private Path aFile;

  @BeforeEach
  void start() throws Exception {
    sandbox = CliSandbox.start(0.3);
    aFile = Files.writeString(dir.resolve("notes.txt"), "a regular file where a folder is wanted");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void generateRefusesAnOutputUnderARegularFileBeforeSubmitting() {
    Path video = aFile.resolve("videos/cat.mp4");

    CliRun run = CliRun.of("generate", "A cat", "-o", video.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot save the video as " + video + ": " + aFile + " is a file, not a folder",
        "nothing was sent");
    assertThat(sandbox.sandbox.counters().submissions()).isZero();
  }

  @Test
  void batchRefusesAnOutFolderThatIsARegularFileOrLiesUnderOneBeforeSubmitting() throws Exception {
    Path prompts = Files.writeString(dir.resolve("prompts.jsonl"), "{\"prompt\": \"A cat\"}\n");

    CliRun isAFile = CliRun.of("batch", prompts.toString(), "--out", aFile.toString());
    CliRun underAFile = CliRun.of("batch", prompts.toString(), "--out", aFile.resolve("videos").toString());

    assertThat(isAFile.exitCode()).isEqualTo(2);
    assertThat(isAFile.err()).contains("cannot save videos in " + aFile + ": " + aFile + " is a file, not a folder");
    assertThat(underAFile.exitCode()).isEqualTo(2);
    assertThat(underAFile.err()).contains("cannot save videos in " + aFile.resolve("videos") + ": " + aFile
        + " is a file, not a folder");
    assertThat(sandbox.sandbox.counters().submissions()).isZero();
  }

  @Test
  void waitRefusesAnUnwritableOutputBeforeReadingTheJob() {
    CliRun run = CliRun.of("wait", "job_abc123", "-o", aFile.resolve("cat.mp4").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(aFile + " is a file, not a folder");
    assertThat(sandbox.sandbox.counters().requests(Endpoint.GET_JOB)).isZero();
  }

  @Test
  void aVideoThatCannotBeSavedAfterTheJobFinishedNamesTheJobAndTheCommandThatDownloadsItLater() throws Exception {
    Path folder = dir.resolve("videos");
    Path video = folder.resolve("cat.mp4");
    CompletableFuture<CliRun> generate = CompletableFuture.supplyAsync(
        () -> CliRun.of("generate", "A cat", "-o", video.toString()));
    awaitSubmissions(1);
    Files.delete(folder); // the check before submitting made it; now a regular file takes its place
    Files.writeString(folder, "in the way");

    CliRun run = generate.get(60, TimeUnit.SECONDS);
    String jobId = sandbox.sandbox.newClient().listJobsPage(dev.ltx4j.JobQuery.ALL, null).jobs().get(0).id()
        .orElseThrow();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_SAVED);
    assertThat(run.err()).contains("job " + jobId + " finished, but its video could not be saved as " + video + ": "
        + folder + " is a file, not a folder", "Download it later with: ltx4j download " + jobId + " -o " + video);
    Files.delete(folder);
    CliRun later = CliRun.of("download", jobId, "-o", video.toString());
    assertThat(later.exitCode()).as(later.err()).isZero();
    assertThat(Probe.streams(video)).startsWith("h264");
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(1);
  }

  @Test
  void aBatchLineWhoseVideoCannotBeSavedNamesItsJobAndIsDownloadedByTheNextRunWithoutANewSubmission()
      throws Exception {
    Path prompts = Files.writeString(dir.resolve("prompts.jsonl"),
        "{\"prompt\": \"A cat\"}\n{\"prompt\": \"A dog\"}\n");
    Path out = dir.resolve("out");
    CompletableFuture<CliRun> batch = CompletableFuture.supplyAsync(
        () -> CliRun.of("batch", prompts.toString(), "--out", out.toString()));
    awaitSubmissions(2);
    Files.createDirectory(out.resolve("line-2.mp4")); // a folder where line 2's video is to go

    CliRun first = batch.get(60, TimeUnit.SECONDS);
    Files.delete(out.resolve("line-2.mp4"));
    CliRun second = CliRun.of("batch", prompts.toString(), "--out", out.toString());

    assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.NOT_SAVED);
    assertThat(first.out()).containsPattern("line 2: job (job_\\w+) finished, but its video could not be saved as "
        + java.util.regex.Pattern.quote(out.resolve("line-2.mp4").toString()) + ": .*Download it later with: ltx4j "
        + "download \\1 -o " + java.util.regex.Pattern.quote(out.resolve("line-2.mp4").toString()));
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("2 lines: 1 done now, 1 done before, 0 failed");
    assertThat(Probe.streams(out.resolve("line-2.mp4"))).startsWith("h264");
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);
  }

  private void awaitSubmissions(long count) throws InterruptedException {
    for (int i = 0; i < 600 && sandbox.sandbox.counters().submissions() < count; i++) {
      Thread.sleep(20);
    }
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(count);
  }
}
