package dev.ltx4j.bench;

import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's cold start: from launching {@code ltx4j job job_x} to the sandbox receiving its request, against the same
 * for a bare JVM making one request with {@code java.net.http} ({@link ColdStartBaseline}), alternating, median of
 * {@code args[3]} runs (default 7). The sandbox runs in this process, each command in its own. Arguments: the launcher
 * {@code bin/ltx4j} of the distribution the build staged (its class-data archive matches its folder), the launcher of
 * the same distribution unpacked elsewhere (on JDK 17 the archive then does not match, and the JVM starts without
 * it), and the CLI jar, run as {@code java -jar} the way a checkout's {@code ./ltx4j} starts it. Launchers run with
 * this JVM as {@code JAVA_HOME}. The last line holds the staged launcher's and the bare JVM's medians.
 * {@code bench/footprint.sh} runs it.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]);
    Path moved = Path.of(args[1]);
    Path cliJar = Path.of(args[2]);
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("java.class.path");
    List<Long> shipped = new ArrayList<>();
    List<Long> elsewhere = new ArrayList<>();
    List<Long> jar = new ArrayList<>();
    List<Long> baseline = new ArrayList<>();
    // bin/ltx4j keeps its class-data archive in the user's cache: here, a fresh one, made by the first round.
    Path cache = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cds-cache");
    long firstRun = -1;
    String loadBefore = loadAverage();
    try (Sandbox sandbox = Sandbox.builder().start()) {
      for (int run = 0; run < runs + 1; run++) {
        long s = time(sandbox, cache, List.of("sh", launcher.toString(), "job", "job_x"));
        long m = time(sandbox, cache, List.of("sh", moved.toString(), "job", "job_x"));
        long j = time(sandbox, cache, List.of(java, "-jar", cliJar.toString(), "job", "job_x"));
        long b = time(sandbox, cache, List.of(java, "-cp", classPath, ColdStartBaseline.class.getName(),
            sandbox.baseUrl() + "/jobs/job_x", sandbox.apiKey(), sandbox.apiSecret()));
        if (run == 0) {
          firstRun = m; // the first run of an installation writes its archive as it exits
        }
        if (run > 0) { // the first round warms the disk cache and makes each installation's archive
          shipped.add(s);
          elsewhere.add(m);
          jar.add(j);
          baseline.add(b);
        }
      }
    }
    System.out.printf("cold start to first request, median of %d, alternating (ms); load average %s before, %s after%n",
        runs, loadBefore, loadAverage());
    System.out.printf("bin/ltx4j, as built                   %d, runs %s%n", median(shipped), shipped);
    System.out.printf("bin/ltx4j, unpacked elsewhere, first run (writes its archive) %d%n", firstRun);
    System.out.printf("bin/ltx4j, unpacked elsewhere         %d, runs %s%n", median(elsewhere), elsewhere);
    System.out.printf("java -jar ltx4j-cli.jar              %d, runs %s%n", median(jar), jar);
    System.out.printf("bare JVM + java.net.http             %d, runs %s%n", median(baseline), baseline);
    System.out.printf("ratios to the bare JVM: as built %.2f, unpacked elsewhere %.2f, java -jar %.2f%n",
        (double) median(shipped) / median(baseline), (double) median(elsewhere) / median(baseline),
        (double) median(jar) / median(baseline));
    System.out.printf("cold_start_installed_ms=%d bare_jvm_ms=%d%n", median(elsewhere), median(baseline));
  }

  /** Milliseconds from launching the command until the sandbox counts one more get-job request. */
  private static long time(Sandbox sandbox, Path cache, List<String> command) throws Exception {
    long before = sandbox.counters().requests(Endpoint.GET_JOB);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
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

  private static String loadAverage() {
    try {
      return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
