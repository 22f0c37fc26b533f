package dev.ltx4j.internal.poll;

import org.jspecify.annotations.Nullable;

/**
 * A job's progress as one wait reads it. The scale is decided per job, not per reading: 0..1, until any reading
 * above 1 shows the service counts to 100 for this job (a per-reading guess would read 0.5 % as 50 % and then jump
 * back). What a listener is shown is the highest fraction so far, so it never goes backwards. Not thread-safe.
 */
final class JobProgress {
  private boolean percent;
  private double highest = Double.NaN;

  /** {@code raw} (null when not reported) as a fraction from 0 to 1 on this job's scale; NaN when absent. */
  double read(@Nullable Double raw) {
    if (raw == null || raw.isNaN()) {
      return Double.NaN;
    }
    percent |= raw > 1.0;
    double fraction = Math.max(0.0, Math.min(1.0, percent ? raw / 100.0 : raw));
    highest = Double.isNaN(highest) ? fraction : Math.max(highest, fraction);
    return fraction;
  }

  /** The highest fraction read so far, NaN before any. */
  double highest() {
    return highest;
  }
}
