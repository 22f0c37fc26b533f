package dev.ltx4j.internal.call;

import dev.ltx4j.ApiException;
import dev.ltx4j.ClientClosedException;
import dev.ltx4j.ConfigurationException;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.UploadFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The one place that decides whether a failed attempt is tried again, and when. Calls, downloads and job waits all
 * ask it, so that "is this worth another try" and "how long until then" have one answer in the whole client.
 *
 * <p>Schedule: a server's hint (Retry-After or {@code remainingSeconds}) is believed up to 60 s; otherwise 0.5 s,
 * 1 s, 2 s … capped at 8 s, each shortened by up to a quarter at random so that many clients do not retry in step.
 * No retry is scheduled past the operation's deadline or beyond {@code maxRetries}.
 *
 * <p>The client's other waits are named here too, so that every schedule lives in one place: {@link #SLOT_RECHECK},
 * {@link #UPLOAD_ASSET_POLL}, {@link #RATE_LIMIT_PAUSE}, {@link #ASSET_READ_LINGER}.
 */
public final class RetryPolicy {
  /** A wait that doubles from {@code first} up to {@code max}. */
  public record Backoff(Duration first, Duration max) {
    /** The wait after {@code previous}: twice as long, at most {@link #max()}. */
    public Duration after(Duration previous) {
      Duration doubled = previous.multipliedBy(2);
      return doubled.compareTo(max) > 0 ? max : doubled;
    }
  }

  /** A submission waiting for a generation slot looks again after 2 s, then 4 s, … every 15 s at most. */
  public static final Backoff SLOT_RECHECK = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(15));
  /** A completed upload's asset is looked for after 0.5 s, then 1 s, … every 5 s at most. */
  public static final Backoff UPLOAD_ASSET_POLL = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
  /**
   * How long an asset read with nothing to share waits for company while the client's submissions wait for a slot:
   * about the time between two jobs finishing at a small ceiling, so that their videos are signed by one request.
   */
  public static final Duration ASSET_READ_LINGER = Duration.ofSeconds(10);
  /** How long every request of a client waits after a rate-limit 429 that said nothing of when to come back. */
  public static final Duration RATE_LIMIT_PAUSE = Duration.ofSeconds(5);

  /** The longest a server's hint may make a caller wait: one answer must not stall a caller for long. */
  public static final Duration MAX_SERVER_HINT = Duration.ofSeconds(60);
  /**
   * Failures in a row a download survives. A download is long and resumes where it broke, so it gets more tries
   * than a call; bytes delivered before a break reset the count (see the downloader).
   */
  public static final int DOWNLOAD_RETRIES = 5;
  private static final long BASE_MILLIS = 500;
  private static final long CAP_MILLIS = 8_000;

  /** What a failed attempt means for the next one. */
  public enum Failure {
    /** Nothing was done, or doing it again is harmless: worth another attempt. */
    TRANSIENT,
    /** A paid submission that may have reached the server: another attempt could pay twice; the caller must look. */
    PAID_AND_AMBIGUOUS,
    /** The answer is final: another attempt would get the same one. */
    PERMANENT,
    /** The server answered something ltx4j cannot read: reported as such, not retried. */
    UNDECODABLE
  }

  /** Whether to try again: {@code delay} before the next attempt, or null with {@code why} the call ends here. */
  public record Decision(@Nullable Duration delay, String why) {
    public boolean retry() {
      return delay != null;
    }
  }

  private final int maxRetries;
  private final DoubleSupplier random;

  /** {@code random} yields values in [0, 1) for the jitter; tests pass a constant to assert exact schedules. */
  public RetryPolicy(int maxRetries, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.random = random;
  }

  public int maxRetries() {
    return maxRetries;
  }

  /**
   * An error status: 408, 429 and 5xx are transient, except that a paid submission is only retried on 429, and
   * not when the 429 is the team's concurrency ceiling: a retry would not find a slot free any sooner than a job
   * finishing frees one, which the submission's caller waits for instead.
   */
  public static Failure ofStatus(CallSpec.Kind kind, int status, boolean ceiling) {
    if (status == 429 && ceiling && kind == CallSpec.Kind.PAID_SUBMISSION) {
      return Failure.PERMANENT;
    }
    return ofStatus(kind, status);
  }

  /** An error status: 408, 429 and 5xx are transient, except that a paid submission is only retried on 429. */
  public static Failure ofStatus(CallSpec.Kind kind, int status) {
    if (status != 408 && status != 429 && status < 500) {
      return Failure.PERMANENT;
    }
    return kind == CallSpec.Kind.PAID_SUBMISSION && status != 429 ? Failure.PAID_AND_AMBIGUOUS : Failure.TRANSIENT;
  }

  /**
   * A failure with no status. {@code maybeSent}: whether the server may have the request (false only for a
   * connection that was never made); {@code undecodable}: whether an answer came that could not be read.
   */
  public static Failure ofTransport(CallSpec.Kind kind, boolean maybeSent, boolean undecodable) {
    if (!maybeSent) {
      return Failure.TRANSIENT;
    }
    if (kind == CallSpec.Kind.PAID_SUBMISSION) {
      return Failure.PAID_AND_AMBIGUOUS;
    }
    return undecodable ? Failure.UNDECODABLE : Failure.TRANSIENT;
  }

  /**
   * An exception a finished call ended with, for a caller that may start over (a job wait polls again). The
   * typed exceptions say what they are; the root {@link Ltx4jException} itself comes from the client's own
   * machinery (a timer, a request that could not be prepared) and says nothing about the job, so it is transient.
   */
  public static Failure of(Throwable error) {
    if (error instanceof UnexpectedResponseException) {
      return Failure.UNDECODABLE;
    }
    if (error instanceof SubmissionOutcomeUnknownException) {
      return Failure.PAID_AND_AMBIGUOUS;
    }
    if (error instanceof ApiException api) {
      return ofStatus(CallSpec.Kind.READ, api.statusCode());
    }
    if (error instanceof InvalidRequestException || error instanceof ConfigurationException
        || error instanceof JobFailedException || error instanceof JobCanceledException
        || error instanceof JobTimeoutException || error instanceof UploadFailedException
        || error instanceof ClientClosedException) {
      return Failure.PERMANENT;
    }
    return error instanceof Ltx4jException ? Failure.TRANSIENT : Failure.PERMANENT;
  }

  /**
   * What to do after {@code failures} failed attempts in a row ending in {@code failure}; {@code hint} is the
   * server's own delay or null, {@code deadline} null for none ({@code now} may be null only then).
   */
  public Decision next(Failure failure, int failures, @Nullable Duration hint, @Nullable Instant now,
      @Nullable Instant deadline) {
    if (failure != Failure.TRANSIENT) {
      return new Decision(null, "not retryable");
    }
    if (failures > maxRetries) {
      return new Decision(null, "giving up after " + failures + " attempts");
    }
    Duration delay = hint != null ? capHint(hint) : backoff(failures);
    if (deadline != null && now != null && now.plus(delay).isAfter(deadline)) {
      return new Decision(null, "giving up: a retry in " + delay.toMillis() + " ms would pass the deadline");
    }
    return new Decision(delay, "retrying in " + delay.toMillis() + " ms (" + (hint != null ? "server asked" : "backoff") + ")");
  }

  /** {@link #next(Failure, int, Duration, Instant, Instant)} with no server hint and no deadline. */
  public Decision next(Failure failure, int failures) {
    return next(failure, failures, null, null, null);
  }

  /** The backoff before retry number {@code retry} (1 for the first). */
  Duration backoff(int retry) {
    long nominal = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(retry - 1, 20));
    return Duration.ofMillis(Math.round(nominal * (1.0 - 0.25 * random.getAsDouble())));
  }

  /** A server's hint held to 0 … {@link #MAX_SERVER_HINT}. */
  public static Duration capHint(Duration hint) {
    return hint.compareTo(MAX_SERVER_HINT) > 0 ? MAX_SERVER_HINT : hint.isNegative() ? Duration.ZERO : hint;
  }
}
