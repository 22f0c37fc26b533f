package dev.ltx4j.bench;

import dev.ltx4j.LtxClient;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chaos benchmark: 1,000 generations (or {@code args[0]}) on 64 threads (or {@code args[1]}) through a sandbox
 * faulting about one request in five. Prints the run time and the checks. Run:
 * {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.ChaosBenchmark [-Dbench.args="1000 64"]};
 * a third argument {@code real-world} makes the sandbox answer in its real-world variant forms.
 */
public final class ChaosBenchmark {
  private ChaosBenchmark() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    boolean realWorld = args.length > 2 && args[2].equals("real-world");
    Path work = Files.createTempDirectory("ltx4j-chaos");
    Path videos = Files.createDirectories(work.resolve("videos"));
    Path cache = work.resolve("render-cache");
    try (Sandbox sandbox = ChaosSetup.sandbox(cache, realWorld);
         LtxClient client = ChaosSetup.client(sandbox)) {
      ChaosReport.Tally tally = new ChaosRun(sandbox, client, videos).run(jobs, concurrency, "bench");
      ChaosReport report = ChaosReport.check(tally, videos, cache, sandbox.counters());
      report.print(System.out);
      boolean ok = report.tally().failures().isEmpty() && report.mismatched().isEmpty() && report.partial().isEmpty()
          && report.videos() == jobs && report.maxSubmissionsOfOneBody() == 1 && report.submissions() == jobs;
      System.out.println(ok ? "chaos: PASS" : "chaos: FAIL");
      if (!ok) {
        System.exit(1);
      }
    } finally {
      ChaosSetup.delete(work);
    }
  }
}
