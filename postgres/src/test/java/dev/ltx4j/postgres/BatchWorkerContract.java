package dev.ltx4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.batch.BatchLine;
import dev.ltx4j.batch.BatchStatus;
import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.BatchWorker;
import dev.ltx4j.batch.LineState;
import dev.ltx4j.batch.NewLine;
import dev.ltx4j.batch.RequestKey;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch protocol end to end, against the sandbox, on every store: each line makes exactly one video whatever
 * happens to its workers. A store under test gives a fresh store; the workers of one test share it.
 */
abstract class BatchWorkerContract {
  static final int LINES = 6;
  static final int CEILING = 3;
  Sandbox sandbox;
  BatchStore store;
  LtxClient client;
  final String batchId = "batch-worker-contract";
  @TempDir Path out;

  /** A fresh store holding nothing, its seats in a pool of their own. */
  abstract BatchStore newStore() throws Exception;

  /** Makes {@code workerId}'s lease lapse, as if it died. */
  abstract void leaseLapses(String workerId) throws Exception;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.builder().seed(System.nanoTime()).timeScale(0.05).concurrencyCeiling(CEILING).start();
    store = newStore();
    client = sandbox.clientBuilder().maxConcurrentJobs(10_000).build();
    List<NewLine> lines = new ArrayList<>();
    for (int line = 1; line <= LINES; line++) {
      String prompt = "A lighthouse at dusk, take " + line;
      lines.add(new NewLine(line, prompt, RequestKey.of(LtxRequest.of(prompt)), 2.0));
    }
    store.create(batchId, "test", lines, null);
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
    store.close();
  }

  BatchWorker.Builder worker() {
    return BatchWorker.builder(store, client).out(out).decoder(LtxRequest::of).batchId(batchId).threads(3)
        .ceiling(CEILING).timeout(Duration.ofSeconds(1)).recoveryGrace(Duration.ofSeconds(1))
        .idleWait(Duration.ofMillis(300));
  }

  static Thread running(BatchWorker worker) {
    Thread thread = new Thread(() -> {
      try {
        worker.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (BatchWorker.WorkerCrash crashed) {
        // as a killed process: nothing more
      }
    });
    thread.start();
    return thread;
  }

  @Test
  void twoWorkersMakeEveryLineExactlyOneVideoWithinTheCeiling() throws Exception {
    Thread one = running(worker().build());
    Thread two = running(worker().build());
    one.join(120_000);
    two.join(120_000);

    assertEveryLineOneVideo();
    assertThat(sandbox.counters().peakRunningGenerations()).isLessThanOrEqualTo(CEILING);
    assertThat(sandbox.counters().concurrencyRefusals()).isZero();
  }

  @Test
  void aWorkerKilledBetweenThePaidAnswerAndItsRecordNeverCausesASecondJob() throws Exception {
    AtomicReference<String> answered = new AtomicReference<>();
    BatchWorker dying = worker().hooks(new BatchWorker.Hooks() {
      @Override
      public void afterSubmitAnswer(BatchLine line, String jobId) {
        if (line.line() == 2) {
          answered.set(jobId);
          throw new BatchWorker.WorkerCrash("killed after the answer of line 2");
        }
      }
    }).build();
    assertThatThrownBy(dying::run).isInstanceOf(BatchWorker.WorkerCrash.class);
    assertThat(store.line(batchId, 2).orElseThrow().state()).isEqualTo(LineState.SUBMITTING);
    leaseLapses(dying.id());

    worker().build().run();

    assertEveryLineOneVideo();
    assertThat(store.line(batchId, 2).orElseThrow().jobId()).isEqualTo(answered.get());
  }

  @Test
  void aWorkerKilledAfterMarkingButBeforeSendingHasItsLineSentOnceByTheNext() throws Exception {
    BatchWorker dying = worker().hooks(new BatchWorker.Hooks() {
      @Override
      public void beforeSubmit(BatchLine line) {
        if (line.line() == 4) {
          throw new BatchWorker.WorkerCrash("killed before sending line 4");
        }
      }
    }).build();
    assertThatThrownBy(dying::run).isInstanceOf(BatchWorker.WorkerCrash.class);
    leaseLapses(dying.id());

    worker().build().run();

    assertEveryLineOneVideo();
  }

  @Test
  void aWorkerFrozenBeforeItsMarkCannotSendOnceItsLinePassedOn() throws Exception {
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch thaw = new CountDownLatch(1);
    BatchWorker sleeper = worker().threads(1).progressTimeout(Duration.ofMillis(500))
        .hooks(new BatchWorker.Hooks() {
          @Override
          public void beforeMark(BatchLine line) {
            if (line.line() == 1 && frozen.getCount() == 1) {
              frozen.countDown();
              try {
                thaw.await(); // a GC pause, a stopped VM: its lines make no progress, so its lease lapses
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }).build();
    Thread asleep = running(sleeper);
    assertThat(frozen.await(30, TimeUnit.SECONDS)).isTrue();

    worker().build().run(); // takes line 1 over once the sleeper's lease lapsed, and finishes the batch
    thaw.countDown();
    asleep.join(60_000);

    assertEveryLineOneVideo();
  }

  /**
   * The one window that remains: a worker frozen between its mark and its request leaving, for longer than its lease
   * and the recovery grace, sends after the line was sent again. The service has no idempotency key, so that second
   * job is paid for; it is kept as an extra job of the line, never dropped, and the line still makes one video.
   */
  @Test
  void aFreezeBetweenTheMarkAndTheSendLongerThanTheGraceIsTheOneWayToPayTwiceAndTheJobIsKept() throws Exception {
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch thaw = new CountDownLatch(1);
    BatchWorker sleeper = worker().threads(1).progressTimeout(Duration.ofMillis(500))
        .hooks(new BatchWorker.Hooks() {
          @Override
          public void beforeSubmit(BatchLine line) {
            if (line.line() == 1 && frozen.getCount() == 1) {
              frozen.countDown();
              try {
                thaw.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }).build();
    Thread asleep = running(sleeper);
    assertThat(frozen.await(30, TimeUnit.SECONDS)).isTrue();

    worker().build().run(); // recovers line 1 after the grace, finds no job, sends it again, finishes the batch
    thaw.countDown();
    asleep.join(60_000);

    BatchStatus status = store.status(batchId).orElseThrow();
    assertThat(status.byState().get(LineState.DONE)).isEqualTo(LINES);
    assertThat(sandbox.counters().submissions()).isEqualTo(LINES + 1);
    assertThat(status.extraJobs()).as("the late job, kept").isEqualTo(1);
  }

  @Test
  void aFreezeBetweenTheMarkAndTheSendShorterThanTheGracePaysOnce() throws Exception {
    BatchWorker sleeper = worker().threads(1).progressTimeout(Duration.ofMillis(500))
        .hooks(new BatchWorker.Hooks() {
          @Override
          public void beforeSubmit(BatchLine line) {
            if (line.line() == 1) {
              try {
                Thread.sleep(300); // shorter than the lease's lapse plus the recovery grace
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }).build();
    Thread asleep = running(sleeper);
    Thread other = running(worker().build());
    asleep.join(120_000);
    other.join(120_000);

    assertEveryLineOneVideo();
  }

  @Test
  void aWorkerWhoseThreadsAllWaitForSeatsFinishesTheLinesADeadWorkerLeftHoldingThem() throws Exception {
    CountDownLatch answered = new CountDownLatch(CEILING);
    BatchWorker dying = worker().hooks(new BatchWorker.Hooks() {
      @Override
      public void afterSubmitAnswer(BatchLine line, String jobId) {
        answered.countDown();
        try {
          answered.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new BatchWorker.WorkerCrash("killed holding line " + line.line());
      }
    }).build();
    assertThatThrownBy(dying::run).isInstanceOf(BatchWorker.WorkerCrash.class);
    leaseLapses(dying.id());

    Thread next = running(worker().build());
    next.join(120_000);

    assertThat(next.isAlive()).as("the worker still waits for seats the dead one holds").isFalse();
    assertEveryLineOneVideo();
    assertThat(sandbox.counters().peakRunningGenerations()).isLessThanOrEqualTo(CEILING);
  }

  @Test
  void aRefusalForCreditsStopsEveryWorkerWithinOneRequestEach() throws Exception {
    sandbox.faults().creditsLeft(0);
    Thread one = running(worker().build());
    Thread two = running(worker().build());
    one.join(60_000);
    two.join(60_000);

    BatchStatus status = store.status(batchId).orElseThrow();
    assertThat(status.stopped()).contains("402");
    assertThat(status.byState().get(LineState.PENDING)).isEqualTo(LINES);
    assertThat(sandbox.counters().requests(Endpoint.GENERATE)).as("at most one request per worker thread")
        .isLessThanOrEqualTo(6);
  }

  @Test
  void theSpendingCapStopsSendingOnceTheNextLineWouldPassIt() throws Exception {
    store.close();
    store = newStore();
    List<NewLine> lines = new ArrayList<>();
    for (int line = 1; line <= LINES; line++) {
      String prompt = "A capped lighthouse, take " + line;
      lines.add(new NewLine(line, prompt, RequestKey.of(LtxRequest.of(prompt)), 2.0));
    }
    store.create("batch-capped", "test", lines, 7.0); // room for three lines of 2.0

    worker().batchId("batch-capped").build().run();

    BatchStatus status = store.status("batch-capped").orElseThrow();
    assertThat(sandbox.counters().submissions()).isEqualTo(3);
    assertThat(status.byState().get(LineState.DONE)).isEqualTo(3);
    assertThat(status.stopped()).contains("spending cap");
    assertThat(status.spent()).isLessThanOrEqualTo(7.0);
  }

  void assertEveryLineOneVideo() throws Exception {
    BatchStatus status = store.status(batchId).orElseThrow();
    assertThat(status.byState().get(LineState.DONE)).as(status.toString()).isEqualTo(LINES);
    assertThat(sandbox.counters().submissions()).isEqualTo(LINES);
    assertThat(sandbox.counters().maxSubmissionsOfOneBody()).isEqualTo(1);
    assertThat(status.extraJobs()).isZero();
    byte[] first = Files.readAllBytes(BatchWorker.target(out, 1));
    assertThat(first).isNotEmpty();
    for (int line = 2; line <= LINES; line++) {
      assertThat(Files.readAllBytes(BatchWorker.target(out, line))).isEqualTo(first);
    }
  }
}
