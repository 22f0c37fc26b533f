package dev.ltx4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until the test moves it, from {@link #START}. Virtual schedulers extend it and move
 * {@link #now} themselves as their timers fall due.
 */
public class TestClock extends Clock {
  /** Where every test clock starts, so that figures in assertions and logs line up across modules. */
  public static final Instant START = Instant.parse("2026-07-29T10:00:00Z");

  protected volatile Instant now = START;

  /** Moves the clock forward by {@code step}. */
  public void advance(Duration step) {
    now = now.plus(step);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
