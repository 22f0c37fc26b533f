package dev.ltx4j.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch protocol every {@link BatchStore} keeps: the journal in a folder and PostgreSQL pass the same tests. A
 * store under test gives a fresh, empty store for each test, and a way to make a worker's lease lapse.
 */
public abstract class BatchStoreContract {
  protected static final Duration TIMEOUT = Duration.ofSeconds(30);
  protected static final String BATCH = "batch-contract";
  protected BatchStore store;

  /** A fresh store holding nothing. */
  protected abstract BatchStore newStore() throws Exception;

  /** Makes {@code workerId}'s lease lapse, as if it died {@code TIMEOUT} ago. */
  protected abstract void leaseLapses(String workerId) throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  protected List<NewLine> lines(int count, String request) {
    List<NewLine> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add(new NewLine(i, "{\"prompt\": \"" + request + "\"}", "key-" + request, 2.0));
    }
    return lines;
  }

  /** Marks a claimed line sending, as a worker does once the line holds its seat. */
  private BatchStore.Mark mark(Claim claim) {
    store.takeSeat(claim, 100);
    return store.markSubmitting(claim);
  }

  private Claim claimOne(String worker) {
    List<Claim> claims = store.claim(BATCH, worker, TIMEOUT, 1, false);
    assertThat(claims).hasSize(1);
    return claims.get(0);
  }

  @Test
  void aBatchIsRecordedOnceAndOpenUntilItsLinesSettle() {
    assertThat(store.create(BATCH, "lines.jsonl", lines(2, "a"), null)).isTrue();
    assertThat(store.create(BATCH, "lines.jsonl", lines(2, "a"), null)).isFalse();

    assertThat(store.openBatches()).containsExactly(BATCH);
    BatchStatus status = store.status(BATCH).orElseThrow();
    assertThat(status.lines()).isEqualTo(2);
    assertThat(status.byState().get(LineState.PENDING)).isEqualTo(2);
    assertThat(status.quoted()).isEqualTo(4.0);
  }

  @Test
  void eachLineIsClaimedByOneWorkerAtATime() {
    store.create(BATCH, "lines.jsonl", lines(3, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");

    List<Claim> first = store.claim(BATCH, "w1", TIMEOUT, 2, false);
    List<Claim> second = store.claim(BATCH, "w2", TIMEOUT, 5, false);

    assertThat(first).extracting(claim -> claim.line().line()).containsExactly(1, 2);
    assertThat(second).extracting(claim -> claim.line().line()).containsExactly(3);
    assertThat(store.claim(BATCH, "w2", TIMEOUT, 5, false)).isEmpty();
  }

  @Test
  void theLinesOfAWorkerWhoseLeaseLapsedPassToTheNextClaimWithANewEpoch() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    Claim dead = claimOne("w1");

    leaseLapses("w1");
    Claim next = claimOne("w2");

    assertThat(next.epoch()).isGreaterThan(dead.epoch());
  }

  @Test
  void aClaimThatPassedOnCanNeitherMarkNorSettleTheLine() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    Claim stale = claimOne("w1");
    assertThat(store.owns(stale)).isTrue();
    leaseLapses("w1");
    Claim current = claimOne("w2");

    assertThat(store.owns(stale)).isFalse();
    assertThat(store.owns(current)).isTrue();
    assertThat(mark(stale)).isEqualTo(BatchStore.Mark.LOST);
    assertThat(mark(current)).isEqualTo(BatchStore.Mark.SENDING);
    assertThat(store.markPending(stale)).isFalse();
    assertThat(store.markFailed(stale, "late")).isFalse();
    assertThat(store.disown(stale)).isFalse();
    assertThat(store.line(BATCH, 1).orElseThrow().state()).isEqualTo(LineState.SUBMITTING);
  }

  @Test
  void theMarkIsStampedWithTheStoresTimeAndMayBeRepeatedForARetry() {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim claim = claimOne("w1");
    Instant before = store.now().minusSeconds(1);

    assertThat(mark(claim)).isEqualTo(BatchStore.Mark.SENDING);
    assertThat(mark(claim)).isEqualTo(BatchStore.Mark.SENDING);

    BatchLine line = store.line(BATCH, 1).orElseThrow();
    assertThat(line.state()).isEqualTo(LineState.SUBMITTING);
    assertThat(line.sentAt()).isAfter(before).isBefore(store.now().plusSeconds(1));
    assertThat(store.markPending(claim)).isTrue();
    assertThat(store.line(BATCH, 1).orElseThrow().state()).isEqualTo(LineState.PENDING);
  }

  @Test
  void aLineWithoutItsSeatIsNotMarked() {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim claim = claimOne("w1");

    assertThat(store.markSubmitting(claim)).isEqualTo(BatchStore.Mark.NO_SEAT);

    assertThat(store.line(BATCH, 1).orElseThrow().state()).isEqualTo(LineState.PENDING);
  }

  @Test
  void aJobAnsweredToAWorkerThatLostTheLineLandsOnTheLineWhileItWaitsForOne() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    Claim late = claimOne("w1");
    mark(late);
    leaseLapses("w1");
    Claim current = claimOne("w2");

    assertThat(store.markSubmitted(late, "job_late", 2.0)).isEqualTo(BatchStore.Recorded.LINE);
    assertThat(store.markSubmitted(current, "job_again", 2.0)).isEqualTo(BatchStore.Recorded.EXTRA);

    assertThat(store.line(BATCH, 1).orElseThrow().jobId()).isEqualTo("job_late");
    assertThat(store.heldJobIds(List.of("job_late", "job_again", "job_other"))).containsExactlyInAnyOrder(
        "job_late", "job_again");
    BatchStatus status = store.status(BATCH).orElseThrow();
    assertThat(status.extraJobs()).isEqualTo(1);
    assertThat(status.charged()).isEqualTo(4.0);
  }

  @Test
  void aJobAnotherLineHoldsIsNotRecordedTwice() {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim one = claimOne("w1");
    Claim two = claimOne("w1");
    mark(one);
    mark(two);

    assertThat(store.markSubmitted(one, "job_1", null)).isEqualTo(BatchStore.Recorded.LINE);
    assertThat(store.markSubmitted(two, "job_1", null)).isEqualTo(BatchStore.Recorded.HELD_ELSEWHERE);

    assertThat(store.line(BATCH, 2).orElseThrow().state()).isEqualTo(LineState.SUBMITTING);
    assertThat(store.waitingWithRequest(BATCH, "key-a")).isEqualTo(1);
  }

  @Test
  void aStoppedBatchRefusesEveryMarkAndSaysWhy() {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim claim = claimOne("w1");

    store.stop(BATCH, "HTTP 402: not enough credits");

    assertThat(mark(claim)).isEqualTo(BatchStore.Mark.STOPPED);
    assertThat(store.status(BATCH).orElseThrow().stopped()).contains("402");
  }

  @Test
  void theSpendingCapRefusesTheMarkThatWouldPassIt() {
    store.create(BATCH, "lines.jsonl", lines(3, "a"), 5.0);
    store.register("w1", BATCH, "host 1");
    Claim one = claimOne("w1");
    Claim two = claimOne("w1");
    Claim three = claimOne("w1");

    assertThat(mark(one)).isEqualTo(BatchStore.Mark.SENDING);
    assertThat(mark(two)).isEqualTo(BatchStore.Mark.SENDING);
    assertThat(mark(three)).isEqualTo(BatchStore.Mark.OVER_CAP);

    store.markSubmitted(one, "job_1", 1.0); // cheaper than the estimate: room for the third
    assertThat(mark(three)).isEqualTo(BatchStore.Mark.SENDING);
    BatchStatus status = store.status(BATCH).orElseThrow();
    assertThat(status.spent()).isEqualTo(5.0);
    assertThat(status.remaining()).hasValue(0.0);
  }

  @Test
  void seatsGoFirstComeFirstServedAndASettledLineFreesItsSeat() {
    store.create(BATCH, "lines.jsonl", lines(3, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    Claim one = claimOne("w1");
    Claim two = claimOne("w2");
    Claim three = claimOne("w1");

    assertThat(store.takeSeat(one, 1)).isTrue();
    assertThat(store.takeSeat(two, 1)).isFalse(); // asks first
    assertThat(store.takeSeat(three, 1)).isFalse();
    mark(one);
    store.markSubmitted(one, "job_1", null);
    store.markFailed(one, "the job failed");

    assertThat(store.takeSeat(three, 1)).as("one who asked earlier still waits").isFalse();
    assertThat(store.takeSeat(two, 1)).isTrue();
    assertThat(store.takeSeat(two, 1)).as("a line that holds a seat holds it").isTrue();
  }

  @Test
  void theSeatOfAnUnsentLineWhoseWorkerIsGoneIsFreeAgain() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    Claim dead = claimOne("w1");
    Claim waiting = claimOne("w2");
    assertThat(store.takeSeat(dead, 1)).isTrue();

    leaseLapses("w1");

    assertThat(store.takeSeat(waiting, 1)).isTrue();
  }

  @Test
  void aSentLineKeepsItsSeatForTheWorkerThatContinuesIt() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    Claim dead = claimOne("w1");
    store.takeSeat(dead, 1);
    mark(dead);
    leaseLapses("w1");

    Claim other = store.claim(BATCH, "w2", TIMEOUT, 5, true).get(0);

    assertThat(other.line().line()).as("only the line under way").isEqualTo(1);
    assertThat(store.takeSeat(other, 1)).isTrue();
    assertThat(store.takeSeat(claimOne("w2"), 1)).isFalse();
  }

  @Test
  void aLineWhoseJobRunsAlreadyHoldsASeatWhateverTheCeiling() {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim one = claimOne("w1");
    Claim two = claimOne("w1");
    store.takeSeat(one, 1);

    store.holdSeat(two);

    assertThat(store.takeSeat(two, 1)).isTrue();
    store.releaseSeat(one.line());
    store.releaseSeat(two.line());
    assertThat(store.takeSeat(one, 1)).isTrue();
  }

  @Test
  void onlyALiveSendersLineCountsAsInFlight() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim one = claimOne("w1");
    mark(one);

    assertThat(store.inFlightWithRequest(BATCH, "key-a", 2, TIMEOUT)).isTrue();
    assertThat(store.inFlightWithRequest(BATCH, "key-a", 1, TIMEOUT)).as("not the line itself").isFalse();
    leaseLapses("w1");
    assertThat(store.inFlightWithRequest(BATCH, "key-a", 2, TIMEOUT)).isFalse();
  }

  @Test
  void aLineWhoseAnswerWasLostIsNoLongerInFlight() {
    store.create(BATCH, "lines.jsonl", lines(2, "a"), null);
    store.register("w1", BATCH, "host 1");
    Claim one = claimOne("w1");
    mark(one);

    assertThat(store.markUnanswered(one)).isTrue();

    assertThat(store.inFlightWithRequest(BATCH, "key-a", 2, TIMEOUT)).isFalse();
    assertThat(store.line(BATCH, 1).orElseThrow().state()).isEqualTo(LineState.SUBMITTING);
  }

  @Test
  void aWorkerThatLeavesFreesItsOpenLinesAtOnce() {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.register("w1", BATCH, "host 1");
    store.register("w2", BATCH, "host 2");
    claimOne("w1");

    store.leave("w1");

    assertThat(store.claim(BATCH, "w2", TIMEOUT, 1, false)).hasSize(1);
  }

  @Test
  void theStatusCountsLinesSpendAndWorkers() {
    store.create(BATCH, "lines.jsonl", lines(3, "a"), 100.0);
    store.register("w1", BATCH, "host 1");
    Claim one = claimOne("w1");
    store.takeSeat(one, 4);
    mark(one);
    store.markSubmitted(one, "job_1", 1.5);
    store.markDone(one, "/videos/line-1.mp4");
    Claim two = claimOne("w1");
    store.takeSeat(two, 4);
    mark(two);

    BatchStatus status = store.status(BATCH).orElseThrow();

    assertThat(status.byState().get(LineState.DONE)).isEqualTo(1);
    assertThat(status.byState().get(LineState.SUBMITTING)).isEqualTo(1);
    assertThat(status.byState().get(LineState.PENDING)).isEqualTo(1);
    assertThat(status.charged()).isEqualTo(1.5);
    assertThat(status.spent()).isEqualTo(3.5);
    assertThat(status.quoted()).isEqualTo(6.0);
    assertThat(status.remaining()).hasValue(96.5);
    assertThat(status.workers()).singleElement().satisfies(worker -> {
      assertThat(worker.id()).isEqualTo("w1");
      assertThat(worker.live()).isTrue();
      assertThat(worker.linesOwned()).isEqualTo(1);
      assertThat(worker.seatsHeld()).isEqualTo(1);
    });
    assertThat(Set.copyOf(store.batches())).containsExactly(BATCH);
  }
}
