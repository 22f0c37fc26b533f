package dev.ltx4j.internal.poll;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What one wait has seen of its job so far: enough to estimate when it will finish. Not thread-safe. */
public final class PollState {
  private static final double RESTART_DROP = 0.2;
  private final Instant startedAt;
  private int polls;
  private int unchangedPolls;
  private @Nullable String status;
  private @Nullable Instant firstProgressAt;
  private double firstProgress = Double.NaN;
  private @Nullable Instant lastProgressAt;
  private double lastProgress = Double.NaN;

  private @Nullable Instant expectedAt;
  private @Nullable Duration expectedLength;

  public PollState(Instant startedAt) {
    this.startedAt = startedAt;
  }

  /** Jobs like this one took {@code length} from creation, and this one was created at {@code createdAt}. */
  public void expect(Instant createdAt, Duration length) {
    this.expectedAt = createdAt.plus(length);
    this.expectedLength = length;
  }

  /** When jobs like this one finished, or null while no such job was seen. */
  public @Nullable Instant expectedAt() {
    return expectedAt;
  }

  /** How long jobs like this one took, or null. */
  public @Nullable Duration expectedLength() {
    return expectedLength;
  }

  /** Records one poll's answer; {@code progress} is 0..1 or NaN when not reported. Returns true if anything changed. */
  public boolean record(Instant at, String status, double progress) {
    polls++;
    boolean changed = !status.equals(this.status);
    this.status = status;
    if (!Double.isNaN(progress) && (Double.isNaN(lastProgress) || progress != lastProgress)) {
      changed = true;
      if (Double.isNaN(firstProgress) || progress < lastProgress - RESTART_DROP) {
        firstProgressAt = at; // the first reading, or the job started over: a new baseline
        firstProgress = progress;
        lastProgressAt = at;
        lastProgress = progress;
      } else if (progress > lastProgress) {
        lastProgressAt = at;
        lastProgress = progress;
      } // a small step back is noise: keep the readings that estimate the rate
    }
    unchangedPolls = changed ? 0 : unchangedPolls + 1;
    return changed;
  }

  /** Records a poll that got no answer (a transient error); it counts as unchanged. */
  public void recordMiss() {
    polls++;
    unchangedPolls++;
  }

  public int polls() {
    return polls;
  }

  public int unchangedPolls() {
    return unchangedPolls;
  }

  public @Nullable String status() {
    return status;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public double lastProgress() {
    return lastProgress;
  }

  /**
   * When the job should finish, extrapolating its progress rate: from two progress readings when there are, else
   * from the start of the wait to the one reading. Null while progress says nothing yet.
   */
  public @Nullable Instant estimatedCompletion() {
    Instant firstProgressAt = this.firstProgressAt;
    Instant lastProgressAt = this.lastProgressAt;
    // A progress reading sets both instants: with lastProgress a number, neither is null.
    if (Double.isNaN(lastProgress) || lastProgress <= 0.0 || firstProgressAt == null || lastProgressAt == null) {
      return null;
    }
    boolean twoReadings = lastProgressAt.isAfter(firstProgressAt) && lastProgress > firstProgress;
    Instant from = twoReadings ? firstProgressAt : startedAt;
    double done = twoReadings ? lastProgress - firstProgress : lastProgress;
    double seconds = Duration.between(from, lastProgressAt).toNanos() / 1e9;
    if (seconds <= 0) {
      return null;
    }
    double remaining = (1.0 - lastProgress) * seconds / done;
    return lastProgressAt.plusNanos((long) (Math.min(remaining, 86_400) * 1e9));
  }
}
