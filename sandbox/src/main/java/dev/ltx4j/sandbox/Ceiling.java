package dev.ltx4j.sandbox;

/**
 * The team's concurrency ceiling in force: the fault knob's limit while one is set (it overrides for a test), else
 * the configured one; 0 means none.
 */
final class Ceiling {
  private final Faults faults;
  private final int configured;

  Ceiling(Faults faults, int configured) {
    this.faults = faults;
    this.configured = configured;
  }

  int current() {
    int faulted = faults.concurrencyLimit();
    return faulted > 0 ? faulted : configured;
  }
}
