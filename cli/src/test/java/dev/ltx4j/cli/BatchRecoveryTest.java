package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.batch.BatchLine;
import dev.ltx4j.batch.Claim;
import dev.ltx4j.batch.JournalStore;
import dev.ltx4j.batch.LineState;
import java.time.Duration;
import java.util.Map;
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
    Path file = file(SAME, SAME);
    Map<Integer, String> recorded = new java.util.HashMap<>();
    // A run killed mid-submit: both lines marked sent; line 1's job recorded, line 2's answer never came.
    List<String> jobs = killedRun(file, 2, recorded, () -> createJobs(2));
    recorded.put(1, jobs.get(0));
    killedRunRecords(file, recorded);

    CliRun run = batch(file);

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.err()).contains("line 2: found its job " + jobs.get(1) + " by recovery");
    assertThat(lineJobs(2)).containsExactly(jobs.get(0), jobs.get(1));
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);
  }

  @Test
  void identicalLinesLeftMidSubmitShareOutTheJobsFoundOneEachAndOnlyTheRestAreSubmitted() throws Exception {
    Path file = file(SAME, SAME, SAME);
    List<String> jobs = killedRun(file, 3, Map.of(), () -> createJobs(2)); // the third request never arrived

    CliRun run = batch(file);

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(lineJobs(3)).doesNotHaveDuplicates().containsAll(jobs);
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(3);
  }

  @Test
  void moreUnclaimedMatchingJobsThanWaitingLinesLeaveTheLineToTheUserNamingTheCandidates() throws Exception {
    Path file = file(SAME);
    List<String> jobs = killedRun(file, 1, Map.of(), () -> createJobs(2)); // one was made elsewhere: which, unknowable

    CliRun run = batch(file);

    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OUTCOME_UNKNOWN);
    assertThat(run.out()).contains("line 1: 2 jobs not taken by other lines match this line's request, and recovery "
        + "cannot tell which one it created: ", jobs.get(0), jobs.get(1), "Nothing was resubmitted",
        "ltx4j wait ID -o " + out.resolve("line-1.mp4"));
    assertThat(out.resolve("line-1.mp4")).doesNotExist();
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);

    CliRun chosen = CliRun.of("wait", jobs.get(1), "-o", out.resolve("line-1.mp4").toString());
    CliRun again = batch(file);

    assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
    assertThat(again.err()).contains("line-1.mp4 exists; taken as the line's video");
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(2);
  }

  @Test
  void identicalLinesWhoseAnswersWereLostRecoverOneJobEachWithoutResubmitting() throws Exception {
    sandbox.sandbox.faults().resetAfterAccept(1.0); // every job is created, every answer lost

    CliRun first = batch(file(SAME, SAME, SAME));

    assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
    assertThat(first.err()).contains("the submission's answer was lost; looking for its job");
    assertThat(lineJobs(3)).doesNotHaveDuplicates();
    assertThat(sandbox.sandbox.counters().submissions()).isEqualTo(3);
  }

  private Path file(String... lines) throws Exception {
    return Files.write(dir.resolve("prompts.jsonl"), List.of(lines));
  }

  private CliRun batch(Path file) {
    return CliRun.of("batch", file.toString(), "--out", out.toString(), "--concurrency", "3");
  }

  /**
   * Leaves the journal as a run killed mid-submit would: lines 1..{@code sent} of {@code file} marked sent, then the
   * jobs {@code made} creates, then the recorded answers; returns the jobs made.
   */
  private List<String> killedRun(Path file, int sent, Map<Integer, String> answers,
      java.util.function.Supplier<List<String>> made) throws Exception {
    Files.createDirectories(out);
    BatchLines lines = BatchLines.read(file);
    try (JournalStore store = JournalStore.open(out)) {
      store.create(lines.batchId(), file.toString(), lines.newLines(null), null);
      store.register("killed", lines.batchId(), "a run that was killed");
      for (int i = 0; i < sent; i++) {
        Claim claim = store.claim(lines.batchId(), "killed", Duration.ofSeconds(30), 1, false).get(0);
        store.takeSeat(claim, 100);
        store.markSubmitting(claim);
      }
    }
    List<String> jobs = made.get();
    killedRunRecords(file, answers);
    return jobs;
  }

  /** Records the answers that came before the kill. */
  private void killedRunRecords(Path file, Map<Integer, String> answers) throws Exception {
    BatchLines lines = BatchLines.read(file);
    try (JournalStore store = JournalStore.open(out)) {
      for (Map.Entry<Integer, String> answer : answers.entrySet()) {
        BatchLine line = store.line(lines.batchId(), answer.getKey()).orElseThrow();
        if (line.jobId() == null) {
          store.markSubmitted(new Claim(line, "killed", 0), answer.getValue(), null);
        }
      }
    }
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

  /** The job each line 1..lines ended with, from a fresh read of the journal. */
  private List<String> lineJobs(int lines) throws Exception {
    String batchId = BatchLines.read(dir.resolve("prompts.jsonl")).batchId();
    try (JournalStore journal = JournalStore.open(out)) {
      List<String> jobs = new ArrayList<>();
      for (int line = 1; line <= lines; line++) {
        BatchLine known = journal.line(batchId, line).orElseThrow();
        assertThat(known.state()).as("line " + line).isEqualTo(LineState.DONE);
        assertThat(Probe.streams(out.resolve("line-" + line + ".mp4"))).startsWith("h264");
        jobs.add(known.jobId());
      }
      return Collections.unmodifiableList(jobs);
    }
  }
}
