package dev.ltx4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How to wait for a job: a deadline (30 minutes unless said otherwise), a listener, and whether to cancel on timeout. */
public final class WaitOptions {
  /** The deadline when none is given: long enough for the longest video jobs, short enough to notice a stuck one. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);
  private static final JobListener SILENT = new JobListener() {};

  private final @Nullable Duration deadline;
  private final JobListener listener;
  private final boolean cancelOnDeadline;

  private WaitOptions(Builder builder) {
    this.deadline = builder.deadline;
    this.listener = builder.listener;
    this.cancelOnDeadline = builder.cancelOnDeadline;
  }

  /** The defaults: a 30-minute deadline, no listener, no cancel. */
  public static WaitOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How long to wait at most; empty when waiting without a deadline was asked for explicitly. */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  public JobListener listener() {
    return listener;
  }

  public boolean cancelOnDeadline() {
    return cancelOnDeadline;
  }

  /** Builds {@link WaitOptions}. */
  public static final class Builder {
    private @Nullable Duration deadline = DEFAULT_DEADLINE;
    private JobListener listener = SILENT;
    private boolean cancelOnDeadline;

    private Builder() {}

    /** Gives up (with {@link JobTimeoutException}) after this long; default 30 minutes. */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline == null");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new InvalidRequestException("deadline", "deadline " + deadline + " must be positive");
      }
      this.deadline = deadline;
      return this;
    }

    /** Waits however long the job takes. */
    public Builder noDeadline() {
      this.deadline = null;
      return this;
    }

    public Builder listener(JobListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** On the deadline, also ask the service to cancel the job (generation jobs usually cannot be). */
    public Builder cancelOnDeadline(boolean cancel) {
      this.cancelOnDeadline = cancel;
      return this;
    }

    public WaitOptions build() {
      return new WaitOptions(this);
    }
  }
}
