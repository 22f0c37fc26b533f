package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.model.Job;
import dev.ltx4j.model.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aJobBarShowsItsStatusApartFromThePercentageAndNoRate() {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    Progress progress = new Progress(true, null, new PrintStream(terminal, true, StandardCharsets.UTF_8));

    try (Progress.Bar bar = progress.job("job_abc123")) {
      bar.jobListener().onStatusChange("job_abc123", JobStatus.QUEUED, JobStatus.IN_PROGRESS);
      bar.jobListener().onPoll(JobSnapshot.of(
          Job.builder().jobId("job_abc123").status("in-progress").progress(0.12).build()));
    }

    String shown = terminal.toString(StandardCharsets.UTF_8);
    String last = shown.substring(shown.lastIndexOf('\r') + 1);
    assertThat(last.strip()).contains("12/100%").endsWith(") in-progress").doesNotContain("/s");
  }

  @Test
  void aSmallDownloadCountsInKibibytesAndALargeOneInMebibytes() {
    assertThat(lastLineOf(300_000, 300_000)).contains("292/292KiB").doesNotContain("?");
    assertThat(lastLineOf(50L << 20, 50L << 20)).contains("50/50MiB");
  }

  @Test
  void aDownloadThatNeverStartsDrawsNoBar() {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    try (Progress.Bar bar = new Progress(true, null, new PrintStream(terminal, true, StandardCharsets.UTF_8))
        .download("Download")) {
      assertThat(bar.transferListener()).isNotNull();
    }
    assertThat(terminal.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static String lastLineOf(long bytes, long total) {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    try (Progress.Bar bar = new Progress(true, null, new PrintStream(terminal, true, StandardCharsets.UTF_8))
        .download("Download")) {
      bar.transferListener().onProgress(bytes / 2, total);
      bar.transferListener().onProgress(bytes, total);
    }
    String shown = terminal.toString(StandardCharsets.UTF_8);
    return shown.substring(shown.lastIndexOf('\r') + 1).strip();
  }
}
