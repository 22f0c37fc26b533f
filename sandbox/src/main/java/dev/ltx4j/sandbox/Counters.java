package dev.ltx4j.sandbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sandbox has seen since it started (or since {@link Sandbox#reset()}): requests per endpoint, accepted
 * generations per distinct request body, and every {@code Authorization} header the CDN listener received. Served
 * as JSON at {@code GET /_admin/counters} too. Thread-safe.
 */
public final class Counters {
  private final Map<Endpoint, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> submissions = new ConcurrentHashMap<>();
  private final List<String> cdnAuthorizations = new ArrayList<>();

  Counters() {}

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

  void request(Endpoint endpoint) {
    requests.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
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
    cdnAuthorizations.clear();
  }

  /** The counters as plain maps and lists, for the admin endpoint's JSON. */
  Map<String, Object> toJsonValue() {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> perEndpoint = new LinkedHashMap<>();
    requests().forEach((endpoint, count) -> perEndpoint.put(endpoint.name(), count));
    json.put("requests", perEndpoint);
    json.put("submissions", submissions());
    json.put("submissionsPerBody", submissionsPerBody());
    json.put("cdnAuthorizationHeaders", cdnAuthorizationHeaders());
    return json;
  }
}
