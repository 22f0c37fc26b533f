package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.JobRecord;
import dev.ltx4j.sandbox.internal.JobView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy the generation slots were: the generation jobs created since the start or the last reset (seeded jobs
 * are not load a client caused), measured when asked. A job's status is computed, never stored, so its running
 * span is read from its history at that moment rather than tracked as it changes. Thread-safe.
 */
final class GenerationLoad {
  private final List<JobRecord> jobs = new ArrayList<>();
  private final double timeScale;

  GenerationLoad(double timeScale) {
    this.timeScale = timeScale;
  }

  synchronized void created(JobRecord job) {
    jobs.add(job);
  }

  synchronized void clear() {
    jobs.clear();
  }

  /** Running spans (creation to the terminal status, or to {@code now}) as clock nanoseconds, start and end. */
  private synchronized List<long[]> spans(Instant now) {
    List<long[]> spans = new ArrayList<>(jobs.size());
    for (JobRecord job : jobs) {
      JobView view = job.view(now);
      List<JobView.Change> history = view.history();
      JobView.Change last = history.get(history.size() - 1);
      Instant end = last.status().isTerminal() ? last.at() : now;
      spans.add(new long[] {nanos(job.spec().createdAt()), nanos(end)});
    }
    return spans;
  }

  /** The most generation jobs that ran at once. */
  int peakRunning(Instant now) {
    List<long[]> events = new ArrayList<>();
    for (long[] span : spans(now)) {
      if (span[1] > span[0]) {
        events.add(new long[] {span[0], +1});
        events.add(new long[] {span[1], -1});
      }
    }
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // ends first
    int running = 0;
    int peak = 0;
    for (long[] event : events) {
      running += (int) event[1];
      peak = Math.max(peak, running);
    }
    return peak;
  }

  /**
   * Seconds of sandbox time generation jobs spent running, summed over jobs: clock seconds divided by the time
   * scale, so it compares with the job phases whatever the scale (clock seconds at scale 0, where sandbox time has
   * no length).
   */
  double jobSeconds(Instant now) {
    long total = spans(now).stream().mapToLong(span -> Math.max(0, span[1] - span[0])).sum();
    return sandboxSeconds(Duration.ofNanos(total));
  }

  /** A clock duration in sandbox seconds. */
  double sandboxSeconds(Duration clock) {
    double seconds = clock.toNanos() / 1e9;
    return timeScale > 0 ? seconds / timeScale : seconds;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
