package dev.ltx4j.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Per-request overhead: {@link GetJobOverhead} under JMH, one thread, with the GC profiler (bytes allocated per
 * request), then both throughputs, their ratio and the ratio's error. Arguments (all optional): forks (default 5),
 * measured iterations per fork (default 5, of 2 s after 3 of warm-up), and {@code stack} to add JMH's stack
 * profiler. Run: {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.OverheadBenchmark
 * [-Dbench.args="5 5 stack"]}. The last line is {@code ratio=… error=…}.
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int forks = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(GetJobOverhead.class.getName())
        .forks(forks)
        .warmupIterations(3).warmupTime(TimeValue.seconds(2))
        .measurementIterations(iterations).measurementTime(TimeValue.seconds(2))
        .threads(1)
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend("-Xmx512m", "-Dsun.net.httpserver.nodelay=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (args.length > 2 && args[2].equals("stack")) {
      options.addProfiler(StackProfiler.class);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, Result<?>> throughput = new HashMap<>();
    Map<String, Double> bytesPerRequest = new HashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      String method = name.substring(name.lastIndexOf('.') + 1);
      throughput.put(method, result.getPrimaryResult());
      Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
      bytesPerRequest.put(method, allocated == null ? Double.NaN : allocated.getScore());
    }
    Result<?> ltx4j = Objects.requireNonNull(throughput.get("ltx4jGetJob"), "ltx4jGetJob");
    Result<?> raw = Objects.requireNonNull(throughput.get("rawOkHttp"), "rawOkHttp");
    Result<?> async = Objects.requireNonNull(throughput.get("rawOkHttpAsyncJoined"), "rawOkHttpAsyncJoined");
    double ratio = ltx4j.getScore() / raw.getScore();
    // JMH's error is the half-width of a 99.9 % confidence interval; relative errors add in quadrature for a ratio.
    double error = ratio * Math.hypot(ltx4j.getScoreError() / ltx4j.getScore(), raw.getScoreError() / raw.getScore());
    System.out.printf("%nget-job requests/s, one thread, loopback, %d forks x %d iterations of 2 s:%n", forks,
        iterations);
    System.out.printf("  ltx4j getJob          %8.0f ± %6.0f   %6.0f bytes allocated per request%n",
        ltx4j.getScore(), ltx4j.getScoreError(), bytesPerRequest.get("ltx4jGetJob"));
    System.out.printf("  raw OkHttp execute()  %8.0f ± %6.0f   %6.0f bytes allocated per request%n",
        raw.getScore(), raw.getScoreError(), bytesPerRequest.get("rawOkHttp"));
    System.out.printf("  raw OkHttp enqueued   %8.0f ± %6.0f   %6.0f bytes allocated per request%n",
        async.getScore(), async.getScoreError(), bytesPerRequest.get("rawOkHttpAsyncJoined"));
    System.out.printf("per request: ltx4j %.1f µs, raw OkHttp %.1f µs, overhead %.1f µs%n",
        1e6 / ltx4j.getScore(), 1e6 / raw.getScore(), 1e6 / ltx4j.getScore() - 1e6 / raw.getScore());
    System.out.printf("ratio=%.2f error=%.2f%n", ratio, error);
  }
}
