package dev.ltx4j.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.batch.BatchLine;
import dev.ltx4j.batch.BatchWorker;
import dev.ltx4j.postgres.PostgresBatchStore;
import dev.ltx4j.postgres.PostgresStore;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker JVM of {@link MultiWorkerChaos}: a {@link BatchWorker} on the shared PostgreSQL store, talking to the
 * run's sandbox, its connections pooled with timeouts as the CLI's are. With {@code haltAfterAnswer} n > 0 it ends
 * its own process (no shutdown hooks, as a kill would) right after the n-th submission was answered and before the
 * store heard of it: the worst moment to die. It prints, last, how many statements it sent the database.
 */
public final class MultiWorkerChaosWorker {
  private MultiWorkerChaosWorker() {}

  /**
   * Arguments: jdbcUrl batchId out sandboxUrl budgetLimit budgetWindowMillis ceiling threads timeoutMillis
   * haltAfterAnswer recoveryGraceMillis name statsFile.
   */
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0] + (args[0].contains("?") ? "&" : "?") + "ApplicationName=" + args[11]
        + "&connectTimeout=5&socketTimeout=20&tcpKeepAlive=true");
    config.setMaximumPoolSize(6);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5000);
    config.setInitializationFailTimeout(-1); // a database that is down at start is waited for, not fatal
    String batchId = args[1];
    Path out = Path.of(args[2]);
    int limit = Integer.parseInt(args[4]);
    Duration window = Duration.ofMillis(Long.parseLong(args[5]));
    int ceiling = Integer.parseInt(args[6]);
    int threads = Integer.parseInt(args[7]);
    Duration timeout = Duration.ofMillis(Long.parseLong(args[8]));
    int haltAfter = Integer.parseInt(args[9]);
    Duration grace = Duration.ofMillis(Long.parseLong(args[10]));
    AtomicInteger answers = new AtomicInteger();
    try (HikariDataSource dataSource = new HikariDataSource(config);
        PostgresStore store = PostgresStore.create(dataSource);
        PostgresBatchStore batches = store.batches("chaos");
        LtxClient client = LtxClient.builder().apiKey(Sandbox.DEFAULT_API_KEY).apiSecret(Sandbox.DEFAULT_API_SECRET)
            .baseUrl(args[3]).requestBudget(store.requestBudget("chaos", limit, window)).build()) {
      BatchWorker worker = BatchWorker.builder(batches, client).out(out).decoder(LtxRequest::of).batchId(batchId)
          .threads(threads).ceiling(ceiling).timeout(timeout).recoveryGrace(grace).idleWait(Duration.ofSeconds(10))
          .workerId(args[11] + "-" + ProcessHandle.current().pid()).hooks(new BatchWorker.Hooks() {
            @Override
            public void afterSubmitAnswer(BatchLine line, String jobId) {
              if (haltAfter > 0 && answers.incrementAndGet() == haltAfter) {
                System.out.println("halting at " + System.currentTimeMillis() + " after the answer for line "
                    + line.line() + " (job " + jobId + ")");
                System.out.flush();
                Runtime.getRuntime().halt(137);
              }
            }
          }).build();
      // Every second, how many statements this process sent the database: a killed worker's count is then known too.
      Path stats = Path.of(args[12]);
      Thread counting = new Thread(() -> {
        while (true) {
          try {
            java.nio.file.Files.writeString(stats, (store.roundTrips().ledger() + store.roundTrips().budget()) + "\n");
            Thread.sleep(1000);
          } catch (Exception e) {
            return;
          }
        }
      }, "chaos-stats");
      counting.setDaemon(true);
      counting.start();
      BatchWorker.Result result = worker.run();
      java.nio.file.Files.writeString(stats, (store.roundTrips().ledger() + store.roundTrips().budget()) + "\n");
      System.out.println("done=" + result.count(BatchWorker.LineOutcome.DONE) + " statements="
          + store.roundTrips().ledger() + " permits=" + store.roundTrips().budget() + " by kind "
          + store.roundTrips().byKind());
    }
  }
}
