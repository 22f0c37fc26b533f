package dev.ltx4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchWorkerTest {
  static DataSource db;
  static int batches;
  Sandbox sandbox;
  PostgresStore store;
  LtxClient client;
  String batchId;
  @TempDir Path out;

  @BeforeAll
  static void database() {
    db = EmbeddedPg.freshDatabase("worker_test");
  }

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().seed(System.nanoTime()).timeScale(0.05).concurrencyCeiling(3).start();
    store = PostgresStore.create(db);
    client = sandbox.clientBuilder().requestBudget(store.requestBudget("worker-test", 1000, Duration.ofMinutes(1)))
        .maxConcurrentJobs(10_000).build();
    batchId = "batch-" + (++batches);
    List<BatchLedger.NewLine> lines = new ArrayList<>();
    for (int line = 1; line <= 6; line++) {
      String prompt = "A lighthouse at dusk, take " + line;
      lines.add(BatchLedger.NewLine.of(line, prompt, LtxRequest.of(prompt)));
    }
    store.ledger().createBatch(batchId, "test", lines);
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
    store.close();
  }

  private BatchWorker.Builder worker() {
    return BatchWorker.builder(store, client).slots(store.jobSlots("worker-test-" + batchId, 3)).out(out)
        .decoder(LtxRequest::of).batchId(batchId).threads(3).timeout(Duration.ofSeconds(1))
        .recoveryGrace(Duration.ofSeconds(1)).slotRecheck(Duration.ofMillis(500))
        .idleRecheck(Duration.ofMillis(200));
  }

  @Test
  void twoWorkersMakeEveryLineExactlyOneVideo() throws Exception {
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      BatchWorker worker = worker().build();
      workers.add(new Thread(() -> {
        try {
          worker.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    workers.forEach(Thread::start);
    for (Thread worker : workers) {
      worker.join(120_000);
    }
    assertEveryLineOneVideo();
    assertThat(sandbox.counters().peakRunningGenerations()).isLessThanOrEqualTo(3);
    assertThat(sandbox.counters().concurrencyRefusals()).isZero();
  }

  @Test
  void aWorkerKilledBetweenThePaidAnswerAndTheLedgerWriteNeverCausesASecondJob() throws Exception {
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
    assertThat(store.ledger().line(batchId, 2).state()).isEqualTo(LineState.SUBMITTING);

    worker().build().run();

    assertEveryLineOneVideo();
    assertThat(store.ledger().line(batchId, 2).jobId()).isEqualTo(answered.get());
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

    worker().build().run();

    assertEveryLineOneVideo();
  }

  @Test
  void aWorkerWhoseThreadsAllWaitForSeatsFinishesTheLinesThatADeadWorkerLeftHoldingThem() throws Exception {
    // The dead worker dies holding all three seats, each line answered but not recorded.
    CountDownLatch answered = new CountDownLatch(3);
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
    assertThat(store.jobSlots("worker-test-" + batchId, 3).taken()).isEqualTo(3);
    // Still counted alive for a moment: the next worker's threads claim the three other lines and wait for seats.
    store.ledger().heartbeat(dying.id());
    BatchWorker next = worker().build();
    Thread running = new Thread(() -> {
      try {
        next.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    running.start();
    running.join(120_000);

    assertThat(running.isAlive()).as("the worker still waits for seats the dead one holds").isFalse();
    assertEveryLineOneVideo();
    assertThat(sandbox.counters().peakRunningGenerations()).isLessThanOrEqualTo(3);
  }

  private void assertEveryLineOneVideo() throws Exception {
    BatchStatus status = store.ledger().status(batchId).orElseThrow();
    assertThat(status.byState().get(LineState.DONE)).as(status.toString()).isEqualTo(6);
    assertThat(sandbox.counters().submissions()).isEqualTo(6);
    assertThat(sandbox.counters().maxSubmissionsOfOneBody()).isEqualTo(1);
    byte[] first = Files.readAllBytes(BatchWorker.target(out, 1));
    assertThat(first).isNotEmpty();
    for (int line = 2; line <= 6; line++) {
      assertThat(Files.readAllBytes(BatchWorker.target(out, line))).isEqualTo(first);
    }
  }
}
