package dev.ltx4j.bench;

import dev.ltx4j.internal.poll.PollPolicy;
import dev.ltx4j.internal.poll.PollState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Polling benchmark in virtual time: simulated video jobs of 20–120 s that report progress in coarse 5 % steps with
 * noise, waited for by ltx4j's poll policy and, in the same run, by a fixed 3 s poller. Prints detection lag
 * (p50, p95, max) and GETs per job for both. Run: {@code mvn -q -pl client test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.ltx4j.bench.PollingBenchmark [-Dexec.args=JOBS]}.
 */
public final class PollingBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A simulated job: queued 5 % of its time, in progress to 95 %, finalizing, then success at {@code seconds}. */
  record SimJob(double seconds, long seed) {
    String status(double t) {
      if (t >= seconds) {
        return "success";
      }
      return t < 0.05 * seconds ? "queued" : t < 0.95 * seconds ? "in-progress" : "finalizing";
    }

    double progress(double t) {
      if (t < 0.05 * seconds) {
        return Double.NaN;
      }
      double truth = Math.min(1.0, (t - 0.05 * seconds) / (0.9 * seconds));
      double noise = new Random(seed ^ Double.doubleToLongBits(t)).nextGaussian() * 0.02;
      return Math.max(0, Math.min(1, Math.floor((truth + noise) * 20) / 20));
    }
  }

  record Result(double[] lags, double[] gets) {
    String line(String name) {
      double[] l = lags.clone();
      Arrays.sort(l);
      return String.format("%-18s lag p50 %6.3f s  p95 %6.3f s  max %6.3f s   GETs/job %6.2f",
          name, pct(l, 50), pct(l, 95), l[l.length - 1], Arrays.stream(gets).average().orElse(0));
    }
  }

  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    SplittableRandom random = new SplittableRandom(42);
    SimJob[] sims = new SimJob[jobs];
    for (int i = 0; i < jobs; i++) {
      sims[i] = new SimJob(20 + random.nextDouble() * 100, random.nextLong());
    }
    Random jitter = new Random(7);
    PollPolicy policy = new PollPolicy(jitter::nextDouble);
    Result adaptive = run(sims, (job, state, t) -> policy.next(state, T0.plusNanos((long) (t * 1e9))).toNanos() / 1e9);
    Result fixed = run(sims, (job, state, t) -> 3.0);
    System.out.printf("Polling benchmark: %d simulated jobs, 20-120 s, progress in 5 %% steps with noise (virtual time)%n", jobs);
    System.out.println(adaptive.line("ltx4j adaptive"));
    System.out.println(fixed.line("fixed 3 s poller"));
    double gets = Arrays.stream(adaptive.gets).average().orElse(0) / Arrays.stream(fixed.gets).average().orElse(1);
    System.out.printf("GETs ratio (ltx4j / fixed 3 s): %.2f   aim: lag p50 <= 0.3 s, p95 <= 1 s, GETs ratio <= 0.5%n", gets);
  }

  interface Strategy {
    double next(SimJob job, PollState state, double t);
  }

  static Result run(SimJob[] sims, Strategy strategy) {
    double[] lags = new double[sims.length];
    double[] gets = new double[sims.length];
    for (int i = 0; i < sims.length; i++) {
      SimJob job = sims[i];
      PollState state = new PollState(T0);
      double t = 0;
      int count = 0;
      while (true) {
        t += strategy.next(job, state, t);
        count++;
        String status = job.status(t);
        if (status.equals("success")) {
          break;
        }
        state.record(T0.plusNanos((long) (t * 1e9)), status, job.progress(t));
      }
      lags[i] = t - job.seconds;
      gets[i] = count;
    }
    return new Result(lags, gets);
  }

  private static double pct(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }
}
