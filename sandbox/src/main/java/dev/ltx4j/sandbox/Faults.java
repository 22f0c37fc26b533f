package dev.ltx4j.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Faults the sandbox injects on demand, changeable while it runs. Every random draw comes from one generator
 * seeded by {@link Sandbox.Builder#seed(long)}, so a run with the same seed and the same requests is reproducible.
 * Rates are probabilities from 0 to 1; methods that take endpoints apply to all of them when none are given.
 * Faults are drawn in this order, at most one per request: reset before the response, 5xx, 429, body cut,
 * trickle. {@link Counters#faults(FaultKind)} counts the ones that happened.
 */
public final class Faults {
  /** Bytes a trickled body sends at a time unless {@link #tricklePace} says otherwise. */
  public static final long DEFAULT_TRICKLE_BYTES = 16;
  /** The pause between a trickled body's writes unless {@link #tricklePace} says otherwise. */
  public static final Duration DEFAULT_TRICKLE_PAUSE = Duration.ofSeconds(1);

  private final Random random;
  private final Map<Endpoint, Double> resets = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Double> serverErrors = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Integer> serverErrorStatus = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Double> rateLimits = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Duration> latency = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Double> bodyCuts = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Double> trickles = new EnumMap<>(Endpoint.class);
  private long trickleBytes = DEFAULT_TRICKLE_BYTES;
  private Duration tricklePause = DEFAULT_TRICKLE_PAUSE;
  private RetryHint retryHint = RetryHint.RETRY_AFTER_HEADER;
  private Duration retryAfter = Duration.ofSeconds(1);
  private double resetAfterAccept;
  private double truncatedDownloads;
  private double jobFailureRate;
  private @Nullable Duration urlLifetime;
  private int concurrencyLimit;
  private @Nullable Double creditsLeft;

  Faults(long seed) {
    this.random = new Random(seed);
  }

  /** Answers with this status (500 by default, e.g. 502 or 503) at this rate. */
  public synchronized Faults serverErrors(double rate, int status, Endpoint... endpoints) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status " + status + " is not a 5xx");
    }
    for (Endpoint endpoint : all(endpoints)) {
      serverErrors.put(endpoint, rate(rate));
      serverErrorStatus.put(endpoint, status);
    }
    return this;
  }

  /** Answers 500 at this rate. */
  public Faults serverErrors(double rate, Endpoint... endpoints) {
    return serverErrors(rate, 500, endpoints);
  }

  /** Answers 429 at this rate, saying when to retry as {@code hint} says (after {@code wait}; default 1 s). */
  public synchronized Faults rateLimits(double rate, RetryHint hint, Duration wait, Endpoint... endpoints) {
    this.retryHint = Objects.requireNonNull(hint, "hint == null");
    this.retryAfter = Objects.requireNonNull(wait, "wait == null");
    for (Endpoint endpoint : all(endpoints)) {
      rateLimits.put(endpoint, rate(rate));
    }
    return this;
  }

  /** Delays the response headers by this long. */
  public synchronized Faults latency(Duration delay, Endpoint... endpoints) {
    Objects.requireNonNull(delay, "delay == null");
    for (Endpoint endpoint : all(endpoints)) {
      latency.put(endpoint, delay);
    }
    return this;
  }

  /** Resets the connection after reading the request, before doing anything: no job is created. */
  public synchronized Faults resets(double rate, Endpoint... endpoints) {
    for (Endpoint endpoint : all(endpoints)) {
      resets.put(endpoint, rate(rate));
    }
    return this;
  }

  /** Creates the job of a generation, then resets the connection instead of answering. */
  public synchronized Faults resetAfterAccept(double rate) {
    this.resetAfterAccept = rate(rate);
    return this;
  }

  /**
   * Handles the request, then sends the status line, the headers and half of the body and closes the connection.
   * A generation's job is created first: the service acted, only its answer was lost. Answers without a body go
   * out whole.
   */
  public synchronized Faults bodyCuts(double rate, Endpoint... endpoints) {
    for (Endpoint endpoint : all(endpoints)) {
      bodyCuts.put(endpoint, rate(rate));
    }
    return this;
  }

  /**
   * Handles the request, then sends the headers at once and the body at the {@link #tricklePace} (16 bytes a
   * second by default), so that a client whose read timeout is shorter than the pause gives up mid-body. A
   * generation's job is created first.
   */
  public synchronized Faults trickledBodies(double rate, Endpoint... endpoints) {
    for (Endpoint endpoint : all(endpoints)) {
      trickles.put(endpoint, rate(rate));
    }
    return this;
  }

  /** How trickled bodies go out: {@code bytes} at a time, {@code pause} between writes. */
  public synchronized Faults tricklePace(long bytes, Duration pause) {
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes " + bytes + " must be 1 or more");
    }
    Objects.requireNonNull(pause, "pause == null");
    if (pause.isNegative()) {
      throw new IllegalArgumentException("pause " + pause + " is negative");
    }
    this.trickleBytes = bytes;
    this.tricklePause = pause;
    return this;
  }

  /** Cuts CDN downloads off halfway through the promised {@code Content-Length}. */
  public synchronized Faults truncatedDownloads(double rate) {
    this.truncatedDownloads = rate(rate);
    return this;
  }

  /** Ends this share of new generation jobs in {@code failure} (besides prompts containing {@code [fail]}). */
  public synchronized Faults jobFailureRate(double rate) {
    this.jobFailureRate = rate(rate);
    return this;
  }

  /** Signs new CDN URLs for this long instead of the configured lifetime (e.g. 1 s to test expiry). */
  public synchronized Faults urlLifetime(Duration lifetime) {
    this.urlLifetime = Objects.requireNonNull(lifetime, "lifetime == null");
    return this;
  }

  /**
   * Refuses new generations with {@code 429 {"reason": "Too many concurrent jobs", "details": {"actionName":
   * "generate", "actionLimit": n}}} while {@code n} generation jobs are running, as a team's plan limit does; 0 (the
   * default) means no limit. While set, it overrides {@link Sandbox.Builder#concurrencyCeiling(int)}.
   */
  public synchronized Faults concurrencyLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit + " is negative");
    }
    this.concurrencyLimit = limit;
    return this;
  }

  /**
   * Gives the team {@code credits} creative units: each generation takes its cost from them, and one that costs more
   * than is left is refused with {@code 402 {"reason": "Not enough creative units …"}} and no job. Quotes are free.
   */
  public synchronized Faults creditsLeft(double credits) {
    if (credits < 0 || Double.isNaN(credits)) {
      throw new IllegalArgumentException("credits " + credits + " must be 0 or more");
    }
    this.creditsLeft = credits;
    return this;
  }

  /** Takes {@code cost} from the team's credits; false (taking nothing) when fewer are left. Always true unless set. */
  synchronized boolean spend(double cost) {
    if (creditsLeft == null) {
      return true;
    }
    if (creditsLeft + 1e-9 < cost) {
      return false;
    }
    creditsLeft -= cost;
    return true;
  }

  /** Removes every fault; the random generator keeps its position. */
  public synchronized Faults clear() {
    creditsLeft = null;
    resets.clear();
    serverErrors.clear();
    serverErrorStatus.clear();
    rateLimits.clear();
    latency.clear();
    bodyCuts.clear();
    trickles.clear();
    trickleBytes = DEFAULT_TRICKLE_BYTES;
    tricklePause = DEFAULT_TRICKLE_PAUSE;
    retryHint = RetryHint.RETRY_AFTER_HEADER;
    retryAfter = Duration.ofSeconds(1);
    resetAfterAccept = 0;
    truncatedDownloads = 0;
    jobFailureRate = 0;
    urlLifetime = null;
    concurrencyLimit = 0;
    return this;
  }

  /** What to do with one request; drawn once per request. */
  synchronized Decision decide(Endpoint endpoint) {
    Duration delay = latency.getOrDefault(endpoint, Duration.ZERO);
    if (draw(resets.get(endpoint))) {
      return new Decision(delay, FaultKind.RESET, 0);
    }
    if (draw(serverErrors.get(endpoint))) {
      return new Decision(delay, FaultKind.SERVER_ERROR, serverErrorStatus.getOrDefault(endpoint, 500));
    }
    if (draw(rateLimits.get(endpoint))) {
      return new Decision(delay, FaultKind.RATE_LIMIT, 429);
    }
    if (draw(bodyCuts.get(endpoint))) {
      return new Decision(delay, FaultKind.BODY_CUT, 0);
    }
    if (draw(trickles.get(endpoint))) {
      return new Decision(delay, FaultKind.TRICKLE, 0);
    }
    return new Decision(delay, null, 0);
  }

  synchronized boolean drawResetAfterAccept() {
    return draw(resetAfterAccept);
  }

  synchronized boolean drawTruncation() {
    return draw(truncatedDownloads);
  }

  synchronized boolean drawJobFailure() {
    return draw(jobFailureRate);
  }

  synchronized int concurrencyLimit() {
    return concurrencyLimit;
  }

  synchronized RetryHint retryHint() {
    return retryHint;
  }

  synchronized Duration retryAfter() {
    return retryAfter;
  }

  synchronized long trickleBytes() {
    return trickleBytes;
  }

  synchronized Duration tricklePause() {
    return tricklePause;
  }

  synchronized Duration effectiveUrlLifetime(Duration configured) {
    return urlLifetime == null ? configured : urlLifetime;
  }

  private boolean draw(@Nullable Double rate) {
    return rate != null && rate > 0 && random.nextDouble() < rate;
  }

  private static double rate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate " + rate + " is not between 0 and 1");
    }
    return rate;
  }

  private static Endpoint[] all(Endpoint... endpoints) {
    return endpoints.length == 0 ? Endpoint.values() : endpoints;
  }

  /**
   * The fault drawn for one request: {@code kind} is null for none, else a reset, 5xx or 429 (which answer instead
   * of the service) or a body cut or trickle (which let the service answer, then spoil how the answer travels).
   */
  record Decision(Duration latency, @Nullable FaultKind kind, int status) {}
}
