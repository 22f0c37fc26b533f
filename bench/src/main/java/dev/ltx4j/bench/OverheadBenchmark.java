package dev.ltx4j.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Per-request overhead: {@link GetJobOverhead} under JMH (one fork, 3 × 5 s warm-up, 5 × 5 s measured, one thread;
 * about two minutes for the three benchmarks), then both throughputs and their ratio. Run:
 * {@code mvn -q -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.OverheadBenchmark}.
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = new OptionsBuilder()
        .include(GetJobOverhead.class.getName())
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(5))
        .measurementIterations(5).measurementTime(TimeValue.seconds(5))
        .threads(1)
        .jvmArgsAppend("-Xmx512m", "-Dsun.net.httpserver.nodelay=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    double ltx4j = 0;
    double raw = 0;
    double ltx4jError = 0;
    double rawError = 0;
    double async = 0;
    double asyncError = 0;
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      double score = result.getPrimaryResult().getScore();
      double error = result.getPrimaryResult().getScoreError();
      if (name.endsWith("ltx4jGetJob")) {
        ltx4j = score;
        ltx4jError = error;
      } else if (name.endsWith("rawOkHttpAsyncJoined")) {
        async = score;
        asyncError = error;
      } else if (name.endsWith("rawOkHttp")) {
        raw = score;
        rawError = error;
      }
    }
    System.out.printf("%nget-job requests/s, one thread, loopback: ltx4j %.0f ± %.0f, raw OkHttp %.0f ± %.0f, "
        + "ratio %.2f (aim ≥ 0.90)%n", ltx4j, ltx4jError, raw, rawError, ltx4j / raw);
    System.out.printf("second baseline, OkHttp enqueued and joined: %.0f ± %.0f, ltx4j / it %.2f%n", async, asyncError,
        ltx4j / async);
    System.out.printf("per request: ltx4j %.1f µs, raw OkHttp %.1f µs (enqueued and joined %.1f µs), "
        + "overhead %.1f µs%n",
        1e6 / ltx4j, 1e6 / raw, 1e6 / async, 1e6 / ltx4j - 1e6 / raw);
  }
}
