package dev.ltx4j.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Four worker JVMs on a 500-line batch kept in an embedded PostgreSQL, one sandbox with a ceiling of 8 generations
 * and 100 requests a minute, and a supervisor that kills a random worker with SIGKILL ten times and starts another;
 * two more workers end themselves right after a paid answer and before the ledger write. Prints the figures, the
 * last line being {@code lines=… videos=… duplicates=… lost=… worker_kills=… utilisation=… rate_429=…}.
 *
 * <p>{@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.MultiWorkerChaosBenchmark}
 * ({@code -Dbench.args="LINES KILLS TIME_SCALE"} for another size). The default time scale, 0.1, makes a
 * generation of the sandbox's documented phases, with 60 s in progress, last about 6 s: still ten times shorter than
 * a real one against the costs that do not scale with the sandbox's clock (a JVM's turn on shared cores, a database
 * round trip, a request on loopback); 0.05 halves it again.
 */
public final class MultiWorkerChaosBenchmark {
  private MultiWorkerChaosBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    double timeScale = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
    MultiWorkerChaos.Settings settings = new MultiWorkerChaos.Settings(lines, 4, kills, 2, 8, 100, timeScale,
        Duration.ofSeconds(60), 4, Duration.ofSeconds(2), 11, Path.of("target", "multi-worker-chaos"));
    System.out.printf(Locale.ROOT, "Multi-worker chaos: %d lines, %d worker JVMs, %d SIGKILLs, %d self-ends after a "
        + "paid answer; sandbox ceiling %d, %d requests/min, time scale %.2f, in-progress %d s%n", lines,
        settings.workers(), kills, settings.haltsAfterAnswer(), settings.ceiling(), settings.requestsPerMinute(),
        settings.timeScale(), settings.inProgress().toSeconds());
    MultiWorkerChaos.Result result = MultiWorkerChaos.run(settings);
    System.out.printf(Locale.ROOT, "elapsed=%.1fs api_requests=%d peak_running=%d max_requests_in_window=%d "
        + "concurrency_429=%d%n", result.elapsed().toMillis() / 1000.0, result.apiRequests(), result.peakRunning(),
        result.maxRequestsInWindow(), result.concurrency429());
    System.out.printf(Locale.ROOT, "db_round_trips budget=%d slots=%d per_api_request=%.2f%n", result.budgetTrips(),
        result.slotTrips(), result.tripsPerRequest());
    System.out.println(result.line());
  }
}
