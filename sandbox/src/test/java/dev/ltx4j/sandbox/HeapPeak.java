package dev.ltx4j.sandbox;

/**
 * Samples used heap every 5 ms on a daemon thread and reports the highest rise above the level after a GC at the
 * start. Garbage counts too, so it overstates what is retained; a body held whole would still show in full.
 */
final class HeapPeak {
  private final long baseline;
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peak;

  private HeapPeak(long baseline) {
    this.baseline = baseline;
    this.peak = baseline;
    this.sampler = new Thread(this::sample, "heap-peak");
    sampler.setDaemon(true);
    sampler.start();
  }

  static HeapPeak start() {
    System.gc();
    return new HeapPeak(used());
  }

  /** Stops sampling; the highest used heap seen, minus the baseline, in bytes. */
  long stop() throws InterruptedException {
    running = false;
    sampler.join();
    return Math.max(0, peak - baseline);
  }

  private void sample() {
    while (running) {
      peak = Math.max(peak, used());
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
