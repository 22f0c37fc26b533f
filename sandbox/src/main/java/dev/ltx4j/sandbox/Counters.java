package dev.ltx4j.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sandbox has seen since it started (or since {@link Sandbox#reset()}): requests per endpoint, faults
 * injected per kind and endpoint, accepted generations per distinct request body, every {@code Authorization}
 * header the CDN listener received, and how the project's two limits were met: 429s of each kind, the busiest
 * request window and how busy the generation slots were. Served as JSON at {@code GET /_admin/counters} too.
 * Thread-safe.
 */
public final class Counters {
  private final Map<Endpoint, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> submissions = new ConcurrentHashMap<>();
  private final Map<FaultKind, Map<Endpoint, AtomicLong>> faults = new ConcurrentHashMap<>();
  private final List<String> cdnAuthorizations = new ArrayList<>();
  private final AtomicLong rateLimitRefusals = new AtomicLong();
  private final AtomicLong concurrencyRefusals = new AtomicLong();
  private final RequestRate rate;
  private final GenerationLoad load;
  private final Clock clock;
  private volatile Instant since;

  Counters(RequestRate rate, GenerationLoad load, Clock clock) {
    this.rate = rate;
    this.load = load;
    this.clock = clock;
    this.since = clock.instant();
  }

  /** Requests received for this endpoint, faulted ones included. */
  public long requests(Endpoint endpoint) {
    AtomicLong count = requests.get(endpoint);
    return count == null ? 0 : count.get();
  }

  /** Requests received per endpoint, endpoints never called left out. */
  public Map<Endpoint, Long> requests() {
    Map<Endpoint, Long> copy = new EnumMap<>(Endpoint.class);
    requests.forEach((endpoint, count) -> copy.put(endpoint, count.get()));
    return copy;
  }

  /** Faults of this kind injected, on every endpoint. */
  public long faults(FaultKind kind) {
    Map<Endpoint, AtomicLong> perEndpoint = faults.get(kind);
    return perEndpoint == null ? 0 : perEndpoint.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Faults of this kind injected on this endpoint. */
  public long faults(FaultKind kind, Endpoint endpoint) {
    Map<Endpoint, AtomicLong> perEndpoint = faults.get(kind);
    AtomicLong count = perEndpoint == null ? null : perEndpoint.get(endpoint);
    return count == null ? 0 : count.get();
  }

  /** Faults injected per kind, kinds that never happened left out. */
  public Map<FaultKind, Long> faults() {
    Map<FaultKind, Long> copy = new EnumMap<>(FaultKind.class);
    faults.keySet().forEach(kind -> copy.put(kind, faults(kind)));
    return copy;
  }

  /** Generation jobs created (quotes excluded), all bodies together. */
  public long submissions() {
    return submissions.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /**
   * Generation jobs created per distinct request body; the key is the body as canonical JSON (keys sorted, the
   * model id added), so the same request sent twice counts 2 under one key.
   */
  public Map<String, Long> submissionsPerBody() {
    Map<String, Long> copy = new LinkedHashMap<>();
    submissions.forEach((body, count) -> copy.put(body, count.get()));
    return copy;
  }

  /** The most jobs any single request body created: 1 proves nothing was submitted twice. */
  public long maxSubmissionsOfOneBody() {
    return submissions.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
  }

  /** Every {@code Authorization} header value the CDN listener received; empty when clients behave. */
  public synchronized List<String> cdnAuthorizationHeaders() {
    return List.copyOf(cdnAuthorizations);
  }

  /**
   * API calls answered 429 because the project's request rate was used up (by the limit, or by the provider state
   * that says so); simulated 429 faults are counted under {@link FaultKind#RATE_LIMIT} instead.
   */
  public long rateLimitRefusals() {
    return rateLimitRefusals.get();
  }

  /** Generations answered 429 because the concurrency ceiling's slots were all running. */
  public long concurrencyRefusals() {
    return concurrencyRefusals.get();
  }

  /**
   * The most API calls admitted in any sliding window of one sandbox minute (60 s × time scale on the clock),
   * whether or not a limit is set; never more than {@link Sandbox.Builder#requestsPerMinute(int)} when one is. 0
   * at time scale 0, where nothing is metered.
   */
  public long maxRequestsInWindow() {
    return rate.maxInWindow();
  }

  /** The most generation jobs running at once (from creation to a terminal status); seeded jobs not included. */
  public long peakRunningGenerations() {
    return load.peakRunning(clock.instant());
  }

  /**
   * Seconds of sandbox time (clock seconds ÷ time scale) that generation jobs spent running, summed over jobs:
   * slot utilisation is this ÷ (ceiling × {@link #sandboxSeconds()}). Clock seconds at time scale 0.
   */
  public double generationJobSeconds() {
    return load.jobSeconds(clock.instant());
  }

  /** Sandbox time (clock seconds ÷ time scale) since the start or the last reset; clock seconds at scale 0. */
  public double sandboxSeconds() {
    return load.sandboxSeconds(Duration.between(since, clock.instant()));
  }

  void rateLimitRefusal() {
    rateLimitRefusals.incrementAndGet();
  }

  void concurrencyRefusal() {
    concurrencyRefusals.incrementAndGet();
  }

  void request(Endpoint endpoint) {
    requests.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
  }

  void fault(FaultKind kind, Endpoint endpoint) {
    faults.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
  }

  void submission(String canonicalBody) {
    submissions.computeIfAbsent(canonicalBody, b -> new AtomicLong()).incrementAndGet();
  }

  synchronized void cdnAuthorization(String value) {
    cdnAuthorizations.add(value);
  }

  synchronized void clear() {
    requests.clear();
    submissions.clear();
    faults.clear();
    cdnAuthorizations.clear();
    rateLimitRefusals.set(0);
    concurrencyRefusals.set(0);
    rate.clear();
    load.clear();
    since = clock.instant();
  }

  /** The counters as plain maps and lists, for the admin endpoint's JSON. */
  Map<String, Object> toJsonValue() {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> perEndpoint = new LinkedHashMap<>();
    requests().forEach((endpoint, count) -> perEndpoint.put(endpoint.name(), count));
    json.put("requests", perEndpoint);
    Map<String, Object> perKind = new LinkedHashMap<>();
    for (FaultKind kind : FaultKind.values()) {
      Map<String, Object> where = new LinkedHashMap<>();
      for (Endpoint endpoint : Endpoint.values()) {
        long count = faults(kind, endpoint);
        if (count > 0) {
          where.put(endpoint.name(), count);
        }
      }
      if (!where.isEmpty()) {
        perKind.put(kind.name(), where);
      }
    }
    json.put("faults", perKind);
    json.put("submissions", submissions());
    json.put("submissionsPerBody", submissionsPerBody());
    json.put("cdnAuthorizationHeaders", cdnAuthorizationHeaders());
    json.put("rateLimitRefusals", rateLimitRefusals());
    json.put("concurrencyRefusals", concurrencyRefusals());
    json.put("maxRequestsInWindow", maxRequestsInWindow());
    json.put("peakRunningGenerations", peakRunningGenerations());
    json.put("generationJobSeconds", generationJobSeconds());
    json.put("sandboxSeconds", sandboxSeconds());
    return json;
  }
}
