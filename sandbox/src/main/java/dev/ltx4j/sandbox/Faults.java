package dev.ltx4j.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Faults the sandbox injects on demand, changeable while it runs. Every random draw comes from one generator
 * seeded by {@link Sandbox.Builder#seed(long)}, so a run with the same seed and the same requests is reproducible.
 * Rates are probabilities from 0 to 1; methods that take endpoints apply to all of them when none are given.
 * Faults are drawn in this order, at most one per request: reset before the response, 5xx, 429.
 */
public final class Faults {
  private final Random random;
  private final Map<Endpoint, Double> resets = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Double> serverErrors = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Integer> serverErrorStatus = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Double> rateLimits = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Duration> latency = new EnumMap<>(Endpoint.class);
  private RetryHint retryHint = RetryHint.RETRY_AFTER_HEADER;
  private Duration retryAfter = Duration.ofSeconds(1);
  private double resetAfterAccept;
  private double truncatedDownloads;
  private double jobFailureRate;
  private Duration urlLifetime;
  private int concurrencyLimit;

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
   * default) means no limit.
   */
  public synchronized Faults concurrencyLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit + " is negative");
    }
    this.concurrencyLimit = limit;
    return this;
  }

  /** Removes every fault; the random generator keeps its position. */
  public synchronized Faults clear() {
    resets.clear();
    serverErrors.clear();
    serverErrorStatus.clear();
    rateLimits.clear();
    latency.clear();
    retryHint = RetryHint.RETRY_AFTER_HEADER;
    retryAfter = Duration.ofSeconds(1);
    resetAfterAccept = 0;
    truncatedDownloads = 0;
    jobFailureRate = 0;
    urlLifetime = null;
    concurrencyLimit = 0;
    return this;
  }

  /**
   * Applies faults written as text, for the command line: comma-separated {@code name[:ENDPOINT]=value} with the
   * names {@code serverErrors}, {@code rateLimits}, {@code resets} (rates), {@code latencyMs} (milliseconds),
   * {@code resetAfterAccept}, {@code truncatedDownloads}, {@code jobFailureRate} (rates),
   * {@code concurrencyLimit} and {@code urlLifetimeSeconds}. Example: {@code serverErrors:GET_JOB=0.2,latencyMs=150,jobFailureRate=0.1}.
   *
   * @throws IllegalArgumentException naming the first entry it cannot read
   */
  public Faults apply(String spec) {
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] nameValue = entry.trim().split("=", 2);
      String[] nameEndpoint = nameValue[0].split(":", 2);
      try {
        Endpoint[] endpoints = nameEndpoint.length == 2
            ? new Endpoint[] {Endpoint.valueOf(nameEndpoint[1])} : new Endpoint[0];
        double value = Double.parseDouble(nameValue[1]);
        switch (nameEndpoint[0]) {
          case "serverErrors" -> serverErrors(value, endpoints);
          case "rateLimits" -> rateLimits(value, RetryHint.RETRY_AFTER_HEADER, Duration.ofSeconds(1), endpoints);
          case "resets" -> resets(value, endpoints);
          case "latencyMs" -> latency(Duration.ofMillis((long) value), endpoints);
          case "resetAfterAccept" -> resetAfterAccept(value);
          case "truncatedDownloads" -> truncatedDownloads(value);
          case "jobFailureRate" -> jobFailureRate(value);
          case "concurrencyLimit" -> concurrencyLimit((int) value);
          case "urlLifetimeSeconds" -> urlLifetime(Duration.ofMillis((long) (value * 1000)));
          default -> throw new IllegalArgumentException("unknown fault " + nameEndpoint[0]);
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot read fault '" + entry.trim() + "': " + e.getMessage(), e);
      }
    }
    return this;
  }

  /** What to do with one request; drawn once per request. */
  synchronized Decision decide(Endpoint endpoint) {
    Duration delay = latency.getOrDefault(endpoint, Duration.ZERO);
    if (draw(resets.get(endpoint))) {
      return new Decision(delay, Kind.RESET, 0);
    }
    if (draw(serverErrors.get(endpoint))) {
      return new Decision(delay, Kind.SERVER_ERROR, serverErrorStatus.get(endpoint));
    }
    if (draw(rateLimits.get(endpoint))) {
      return new Decision(delay, Kind.RATE_LIMIT, 429);
    }
    return new Decision(delay, Kind.NONE, 0);
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

  synchronized Duration effectiveUrlLifetime(Duration configured) {
    return urlLifetime == null ? configured : urlLifetime;
  }

  private boolean draw(Double rate) {
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

  /** The kinds of fault a request can meet. */
  enum Kind { NONE, RESET, SERVER_ERROR, RATE_LIMIT }

  /** The faults drawn for one request. */
  record Decision(Duration latency, Kind kind, int status) {}
}
