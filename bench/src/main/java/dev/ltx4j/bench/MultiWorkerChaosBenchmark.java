package dev.ltx4j.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Four worker JVMs on a 200-line batch kept in an embedded PostgreSQL server, one sandbox with a ceiling of 8
 * generations and 100 requests a minute, and a supervisor that kills a random worker with SIGKILL ten times (and
 * starts another), freezes one with SIGSTOP past its lease ten times while its database sessions are ended, stops the
 * database twice for 60 s, and cuts one worker's network to the database once; two workers end themselves right after
 * a paid answer and before the store write. Prints the figures, the last line being {@code lines=… videos=…
 * duplicates=… lost=… stuck=… worker_kills=… pauses=… db_outages=… utilisation=… rate_429=…}.
 *
 * <p>{@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.MultiWorkerChaosBenchmark}
 * ({@code -Dbench.args="LINES KILLS TIME_SCALE"} for another size; a fourth word {@code kills-only} leaves out the
 * pauses, outages and cuts, for the fleet's utilisation under kills alone). The default time scale, 0.1, makes a
 * generation of the sandbox's documented phases, with 60 s in progress, last about 6 s; the outages and pauses are in
 * wall-clock time.
 */
public final class MultiWorkerChaosBenchmark {
  private MultiWorkerChaosBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    double timeScale = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
    boolean killsOnly = args.length > 3 && args[3].equals("kills-only");
    MultiWorkerChaos.Settings settings = new MultiWorkerChaos.Settings(lines, 4, kills, 2, killsOnly ? 0 : 10,
        killsOnly ? 0 : 2, Duration.ofSeconds(60), killsOnly ? 0 : 1, Duration.ofSeconds(20), 8, 100, timeScale,
        Duration.ofSeconds(60), 4,
        Duration.ofSeconds(5), Duration.ofSeconds(8), 11, Path.of("target", "multi-worker-chaos"));
    System.out.printf(Locale.ROOT, "Multi-worker chaos: %d lines, %d worker JVMs, %d SIGKILLs, %d self-ends after a "
        + "paid answer, %d pauses past the lease, %d database outages of %d s, %d network cuts of %d s; sandbox "
        + "ceiling %d, %d requests/min, time scale %.2f, in-progress %d s%n", lines, settings.workers(), kills,
        settings.haltsAfterAnswer(), settings.pauses(), settings.dbOutages(), settings.outage().toSeconds(),
        settings.networkCuts(), settings.cut().toSeconds(), settings.ceiling(), settings.requestsPerMinute(),
        settings.timeScale(), settings.inProgress().toSeconds());
    MultiWorkerChaos.Result result = MultiWorkerChaos.run(settings);
    System.out.printf(Locale.ROOT, "elapsed=%.1fs api_requests=%d peak_running=%d concurrency_429=%d extra_jobs=%d%n",
        result.elapsed().toMillis() / 1000.0, result.apiRequests(), result.peakRunning(), result.concurrency429(),
        result.extraJobs());
    System.out.printf(Locale.ROOT, "busiest_sandbox_minute=%d fleet_budget=%d%n", result.busiestMinute(),
        result.budget());
    System.out.printf(Locale.ROOT, "db_statements=%d per_api_request=%.2f (the server's transactions in the database, "
        + "autovacuum and connection checks included: %d, %.2f per API request)%n", result.dbStatements(),
        result.statementsPerRequest(), result.serverTransactions(),
        (double) result.serverTransactions() / Math.max(1, result.apiRequests()));
    System.out.println("videos_per_worker_slot=" + result.shares());
    System.out.println(result.line());
  }
}
