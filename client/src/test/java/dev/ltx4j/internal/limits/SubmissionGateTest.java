package dev.ltx4j.internal.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.ErrorBody;
import dev.ltx4j.JobSlots;
import dev.ltx4j.NoFreeSlotException;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.internal.call.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SubmissionGateTest {
  private final ManualTime time = new ManualTime();
  private final JobSlots slots = new InMemoryJobSlots();
  /** The service: answers each submission when the test says, accepting while fewer than 2 jobs run. */
  private final List<CompletableFuture<String>> answers = new ArrayList<>();
  private final List<String> running = new ArrayList<>();
  private int sent;
  private int refused;

  private Supplier<CompletableFuture<String>> submission() {
    return () -> {
      sent++;
      CompletableFuture<String> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    };
  }

  private void answerAll() {
    for (CompletableFuture<String> answer : List.copyOf(answers)) {
      answers.remove(answer);
      if (running.size() >= 2) {
        refused++;
        answer.completeExceptionally(new CompletionException(ceiling(2)));
      } else {
        String job = "job_" + sent + "_" + running.size();
        running.add(job);
        answer.complete(job);
      }
    }
  }

  private static RateLimitException ceiling(int limit) {
    return new RateLimitException("POST /generate", 429, new ErrorBody(null, null, null, null,
        Map.of("actionName", "generate", "actionLimit", limit), "{}"), Map.of(), null);
  }

  private void finish(SubmissionGate gate, String job) {
    running.remove(job);
    gate.finished(job);
  }

  @Test
  void whileTheCeilingIsUnknownSubmissionsGoOneAtATimeAndTheFirstRefusalTeachesIt() {
    SubmissionGate gate = new SubmissionGate(slots, 0, time, time, Duration.ofMinutes(30));
    List<CompletableFuture<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(gate.submit(submission(), job -> job));
    }
    assertThat(sent).as("one at a time").isEqualTo(1);
    answerAll();
    answerAll();
    answerAll();

    assertThat(gate.ceiling()).isEqualTo(2);
    assertThat(refused).as("one refusal taught the ceiling").isEqualTo(1);
    assertThat(jobs.stream().filter(CompletableFuture::isDone)).hasSize(2);
    assertThat(slots.taken()).isEqualTo(2);
  }

  @Test
  void aJobSeenFinishedHandsItsSlotToTheNextSubmissionAtOnce() {
    SubmissionGate gate = new SubmissionGate(slots, 2, time, time, Duration.ofMinutes(30));
    List<CompletableFuture<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(gate.submit(submission(), job -> job));
    }
    assertThat(sent).as("the configured ceiling is never exceeded").isEqualTo(2);
    answerAll();

    finish(gate, jobs.get(0).join());
    assertThat(sent).as("sent the moment a slot was freed, no timer").isEqualTo(3);
    answerAll();
    assertThat(jobs.get(2)).isCompleted();
    assertThat(refused).isZero();
  }

  @Test
  void aSubmissionThatFindsNoSlotInTimeFailsUnsent() {
    SubmissionGate gate = new SubmissionGate(slots, 1, time, time, Duration.ofSeconds(90));
    gate.submit(submission(), job -> job);
    answerAll();
    CompletableFuture<String> late = gate.submit(submission(), job -> job);

    time.advance(Duration.ofSeconds(90));
    assertThat(late).isCompletedExceptionally();
    assertThat(late.handle((job, error) -> error).join()).isInstanceOfSatisfying(NoFreeSlotException.class,
        e -> assertThat(e.getMessage()).contains("not sent").contains("1 generations at once"));
    assertThat(sent).isEqualTo(1);
  }

  @Test
  void withNoWaitAllowedACeilingRefusalIsTheCallersAtOnce() {
    SubmissionGate gate = new SubmissionGate(slots, 0, time, time, Duration.ZERO);
    running.add("someone else's");
    running.add("someone else's too");
    CompletableFuture<String> job = gate.submit(submission(), id -> id);
    answerAll();

    assertThat(job.handle((id, error) -> error).join()).isInstanceOfSatisfying(RateLimitException.class,
        e -> assertThat(e.actionLimit()).hasValue(2));
    assertThat(sent).isEqualTo(1);
  }

  @Test
  void aSubmissionThatFailsOtherwiseFreesItsSlotAndReportsItsOwnError() {
    SubmissionGate gate = new SubmissionGate(slots, 1, time, time, Duration.ofMinutes(30));
    CompletableFuture<String> failed = gate.submit(
        () -> CompletableFuture.failedFuture(new IllegalStateException("refused")), job -> job);

    assertThat(failed.handle((job, error) -> error).join()).isInstanceOf(IllegalStateException.class);
    assertThat(slots.taken()).isZero();
  }

  @Test
  void aSlotCountThatNoFinishedJobMovedForLongIsProbedWithOneSubmission() {
    SubmissionGate gate = new SubmissionGate(slots, 1, time, time, Duration.ofMinutes(30));
    gate.submit(submission(), job -> job);
    answerAll();
    running.clear(); // the job finished, but this client never looked at it again
    CompletableFuture<String> next = gate.submit(submission(), job -> job);

    time.advance(SubmissionGate.PROBE_AFTER.minusSeconds(1));
    assertThat(sent).isEqualTo(1);
    time.advance(Duration.ofSeconds(16));
    assertThat(sent).as("one probe").isEqualTo(2);
    answerAll();
    assertThat(next).isCompleted();
  }

  @Test
  void aQuietSpellBeforeASubmissionAskedIsNoReasonToProbe() {
    SubmissionGate gate = new SubmissionGate(slots, 1, time, time, Duration.ofMinutes(30));
    gate.submit(submission(), job -> job);
    answerAll();
    time.advance(SubmissionGate.PROBE_AFTER.multipliedBy(3)); // the job runs long; nobody waits meanwhile
    CompletableFuture<String> next = gate.submit(submission(), job -> job);

    time.advance(Duration.ofSeconds(15));
    assertThat(sent).as("no probe: this submission has waited 15 s").isEqualTo(1);
    assertThat(next).isNotDone();
  }

  @Test
  void finishedJobsThisClientDidNotSubmitCostTheSlotStoreNothing() {
    int[] releases = {0};
    JobSlots counting = new JobSlots() {
      @Override
      public boolean tryTake(String key, int ceiling) {
        return slots.tryTake(key, ceiling);
      }

      @Override
      public void bind(String key, String jobId) {
        slots.bind(key, jobId);
      }

      @Override
      public boolean release(String keyOrJobId) {
        releases[0]++;
        return slots.release(keyOrJobId);
      }

      @Override
      public int taken() {
        return slots.taken();
      }
    };
    SubmissionGate gate = new SubmissionGate(counting, 2, time, time, Duration.ofMinutes(30));
    CompletableFuture<String> mine = gate.submit(submission(), job -> job);
    answerAll();

    for (int i = 0; i < 200; i++) {
      gate.finished("job_listed_" + i); // a list page of other people's finished jobs
    }
    assertThat(releases[0]).isZero();
    gate.finished(mine.join());
    assertThat(releases[0]).isEqualTo(1);
    assertThat(slots.taken()).isZero();
  }

  @Test
  void slotsHeldElsewhereAreLookedAtAgainWithAGrowingPause() {
    SubmissionGate gate = new SubmissionGate(slots, 0, time, time, Duration.ofMinutes(30));
    running.add("someone else's");
    running.add("someone else's too");
    CompletableFuture<String> job = gate.submit(submission(), id -> id);
    answerAll();
    assertThat(refused).isEqualTo(1);

    time.advance(RetryPolicy.SLOT_RECHECK.first());
    assertThat(sent).as("tried again after the first pause").isEqualTo(2);
    answerAll();
    running.clear();
    time.advance(RetryPolicy.SLOT_RECHECK.first());
    assertThat(sent).as("the pause doubled").isEqualTo(2);
    time.advance(RetryPolicy.SLOT_RECHECK.first());
    assertThat(sent).isEqualTo(3);
    answerAll();
    assertThat(job).isCompleted();
  }
}
