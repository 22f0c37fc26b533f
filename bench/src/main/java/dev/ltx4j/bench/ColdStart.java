package dev.ltx4j.bench;

import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's cold start: from launching {@code java -jar ltx4j-cli.jar job job_x} to the sandbox receiving its request,
 * against the same for a bare JVM making one request with {@code java.net.http} ({@link ColdStartBaseline}),
 * alternating, median of {@code args[1]} runs (default 7). The sandbox runs in this process, the CLI in its own.
 * Argument 0: the CLI jar. {@code bench/footprint.sh} runs it.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    Path cliJar = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("java.class.path");
    List<Long> cli = new ArrayList<>();
    List<Long> baseline = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.builder().start()) {
      for (int run = 0; run < runs + 1; run++) {
        long c = time(sandbox, List.of(java, "-jar", cliJar.toString(), "job", "job_x"));
        long b = time(sandbox, List.of(java, "-cp", classPath, ColdStartBaseline.class.getName(),
            sandbox.baseUrl() + "/jobs/job_x", sandbox.apiKey(), sandbox.apiSecret()));
        if (run > 0) { // the first pair warms the disk cache
          cli.add(c);
          baseline.add(b);
        }
      }
    }
    System.out.printf("cold start to first request, median of %d (ms): ltx4j CLI %d, bare JVM + java.net.http %d, "
        + "difference %d; CLI runs %s, baseline runs %s%n", runs, median(cli), median(baseline),
        median(cli) - median(baseline), cli, baseline);
  }

  /** Milliseconds from launching the command until the sandbox counts one more get-job request. */
  private static long time(Sandbox sandbox, List<String> command) throws Exception {
    long before = sandbox.counters().requests(Endpoint.GET_JOB);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("LTX4J_BASE_URL", sandbox.baseUrl());
    builder.environment().put("SCENARIO_SDK_API_KEY", sandbox.apiKey());
    builder.environment().put("SCENARIO_SDK_API_SECRET", sandbox.apiSecret());
    long start = System.nanoTime();
    Process process = builder.start();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    while (sandbox.counters().requests(Endpoint.GET_JOB) == before) {
      if (System.nanoTime() > deadline || (!process.isAlive() && sandbox.counters().requests(Endpoint.GET_JOB)
          == before)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " sent no request (exit " + process.waitFor() + ")");
      }
      Thread.sleep(1);
    }
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return elapsed;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
