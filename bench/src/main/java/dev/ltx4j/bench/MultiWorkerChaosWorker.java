package dev.ltx4j.bench;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.postgres.BatchLine;
import dev.ltx4j.postgres.BatchWorker;
import dev.ltx4j.postgres.PostgresStore;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One worker JVM of {@link MultiWorkerChaosBenchmark}: a {@link BatchWorker} on the shared store, talking to the
 * benchmark's sandbox. With {@code haltAfterAnswer} n > 0 it ends its own process (no shutdown hooks, as a kill
 * would) right after the n-th submission was answered and before the ledger heard of it: the worst moment to die.
 */
public final class MultiWorkerChaosWorker {
  private MultiWorkerChaosWorker() {}

  /** Arguments: jdbcUrl batchId out sandboxUrl budgetLimit budgetWindowMillis ceiling threads timeoutMillis haltAfterAnswer. */
  public static void main(String[] args) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(args[0]);
    String batchId = args[1];
    Path out = Path.of(args[2]);
    int limit = Integer.parseInt(args[4]);
    Duration window = Duration.ofMillis(Long.parseLong(args[5]));
    int ceiling = Integer.parseInt(args[6]);
    int threads = Integer.parseInt(args[7]);
    Duration timeout = Duration.ofMillis(Long.parseLong(args[8]));
    int haltAfter = Integer.parseInt(args[9]);
    AtomicInteger answers = new AtomicInteger();
    try (PostgresStore store = PostgresStore.create(dataSource);
        LtxClient client = LtxClient.builder().apiKey(Sandbox.DEFAULT_API_KEY).apiSecret(Sandbox.DEFAULT_API_SECRET)
            .baseUrl(args[3]).requestBudget(store.requestBudget("chaos", limit, window))
            .maxConcurrentJobs(100_000).build()) {
      BatchWorker worker = BatchWorker.builder(store, client).slots(store.jobSlots("chaos", ceiling)).out(out)
          .decoder(LtxRequest::of).batchId(batchId).threads(threads).timeout(timeout)
          .recoveryGrace(Duration.ofSeconds(1)).slotRecheck(Duration.ofSeconds(5))
          .idleRecheck(Duration.ofMillis(200)).hooks(new BatchWorker.Hooks() {
            @Override
            public void afterSubmitAnswer(BatchLine line, String jobId) {
              if (haltAfter > 0 && answers.incrementAndGet() == haltAfter) {
                System.out.println("halting at " + System.currentTimeMillis() + " after the answer for line " + line.line() + " (job " + jobId + ")");
                System.out.flush();
                Runtime.getRuntime().halt(137);
              }
            }
          }).build();
      BatchWorker.Result result = worker.run();
      System.out.println(result);
    }
  }
}
