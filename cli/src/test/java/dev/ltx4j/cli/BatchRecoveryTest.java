package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRecoveryTest {
  private static final String SAME = "{\"prompt\": \"The same scene\"}";

  @TempDir Path dir;
  private CliSandbox sandbox;
  private Path out;

  @BeforeEach
  void start() {
    sandbox = CliSandbox.start(0.2);
    out = dir.resolve("out");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aLineLeftMidSubmitTakesTheMatchingJobThatNoOtherLineHas() throws Exception {
    Instant sentAt = Instant.now();
    List<String> jobs = createJobs(2); // the first is line 1's and was recorded; the second is line 2's
    journal("{\"line\":1,\"event\":\"submitting\",\"at\":\"" + sentAt + "\"}",
        "{\"line\":1,\"event\":\"submitted\",\"jobId\":\"" + jobs.get(0) + "\"}",
        "{\"line\":2,\"event\":\"submitting\",\"at\":\"" + sentAt + "\"}");

    CliRun run = batch(SAME, SAME);

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.err()).contains("line 2: found job " + jobs.get(1) + " from an interrupted run");
    assertThat(lineJobs(2)).containsExactly(jobs.get(0), jobs.get(1));
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);
  }

  @Test
  void identicalLinesLeftMidSubmitShareOutTheJobsFoundOneEachAndOnlyTheRestAreSubmitted() throws Exception {
    Instant sentAt = Instant.now();
    List<String> jobs = createJobs(2); // the third line's request never reached the service
    journal(IntStream.rangeClosed(1, 3).mapToObj(
        line -> "{\"line\":" + line + ",\"event\":\"submitting\",\"at\":\"" + sentAt + "\"}").toArray(String[]::new));

    CliRun run = batch(SAME, SAME, SAME);

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(lineJobs(3)).doesNotHaveDuplicates().containsAll(jobs);
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(3);
  }

  @Test
  void moreUnclaimedMatchingJobsThanWaitingLinesLeaveTheLineToTheUserNamingTheCandidates() throws Exception {
    Instant sentAt = Instant.now();
    List<String> jobs = createJobs(2); // one of them was made elsewhere: which one is unknowable
    journal("{\"line\":1,\"event\":\"submitting\",\"at\":\"" + sentAt + "\"}");

    CliRun run = batch(SAME);

    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OUTCOME_UNKNOWN);
    assertThat(run.out()).contains("line 1: 2 jobs not taken by other lines match this line's request, and recovery "
        + "cannot tell which one it created: ", jobs.get(0), jobs.get(1), "Nothing was resubmitted",
        "ltx4j wait ID -o " + out.resolve("line-1.mp4"));
    assertThat(out.resolve("line-1.mp4")).doesNotExist();
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);

    CliRun chosen = CliRun.of("wait", jobs.get(1), "-o", out.resolve("line-1.mp4").toString());
    CliRun again = batch(SAME);

    assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
    assertThat(again.err()).contains("line-1.mp4 exists; taken as the line's video");
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);
  }

  @Test
  void identicalLinesWhoseAnswersWereLostRecoverOneJobEachWithoutResubmitting() throws Exception {
    sandbox.sandbox.faults().resetAfterAccept(1.0); // every job is created, every answer lost

    CliRun first = batch(SAME, SAME, SAME);

    assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
    assertThat(first.err()).contains("after a lost answer");
    assertThat(lineJobs(3)).doesNotHaveDuplicates();
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(3);
  }

  private CliRun batch(String... lines) throws Exception {
    Path file = Files.write(dir.resolve("prompts.jsonl"), List.of(lines));
    return CliRun.of("batch", file.toString(), "--out", out.toString(), "--concurrency", "3");
  }

  private List<String> createJobs(int count) {
    List<String> ids = new ArrayList<>();
    try (LtxClient client = sandbox.sandbox.newClient()) {
      for (int i = 0; i < count; i++) {
        ids.add(client.submit(LtxRequest.of("The same scene")).jobId());
      }
    }
    return ids;
  }

  private void journal(String... records) throws Exception {
    Files.createDirectories(out);
    Files.write(out.resolve(Journal.FILE_NAME), List.of(records));
  }

  /** The job each line 1..lines ended with, from a fresh read of the journal. */
  private List<String> lineJobs(int lines) throws Exception {
    try (Journal journal = Journal.open(out)) {
      List<String> jobs = new ArrayList<>();
      for (int line = 1; line <= lines; line++) {
        assertThat(journal.entry(line).state()).as("line " + line).isEqualTo("done");
        assertThat(Probe.streams(out.resolve("line-" + line + ".mp4"))).startsWith("h264");
        jobs.add(journal.entry(line).jobId());
      }
      return Collections.unmodifiableList(jobs);
    }
  }
}
