package dev.ltx4j.sandbox.internal;

import dev.ltx4j.model.Job;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The sandbox's jobs, newest first. Pages are cut by keyset (creation time, then insertion order), so a job
 * created while a client pages through never shifts a page.
 */
public final class JobStore {
  private record Key(Instant createdAt, long sequence) {}

  private static final Comparator<Key> NEWEST_FIRST =
      Comparator.comparing(Key::createdAt).thenComparingLong(Key::sequence).reversed();

  private final ConcurrentSkipListMap<Key, JobRecord> ordered = new ConcurrentSkipListMap<>(NEWEST_FIRST);
  private final java.util.Map<String, Key> byId = new java.util.concurrent.ConcurrentHashMap<>();
  private long sequence;

  /** Adds a job, replacing any job with the same id. */
  public synchronized void add(JobRecord job) {
    Key old = byId.remove(job.id());
    if (old != null) {
      ordered.remove(old);
    }
    Key key = new Key(job.spec().createdAt(), sequence++);
    byId.put(job.id(), key);
    ordered.put(key, job);
  }

  public Optional<JobRecord> find(String id) {
    Key key = byId.get(id);
    return key == null ? Optional.empty() : Optional.ofNullable(ordered.get(key));
  }

  /** How many jobs of this type have not ended at {@code now}. */
  public long running(Instant now, String type) {
    return ordered.values().stream()
        .filter(job -> type.equals(job.spec().jobType()))
        .filter(job -> !JobRecord.isTerminal(job.view(now).status()))
        .count();
  }

  public synchronized void clear() {
    ordered.clear();
    byId.clear();
  }

  /**
   * One page of jobs as seen at {@code now}, filtered by status and type (null matches all).
   *
   * @throws IllegalArgumentException when the token is not one this store made
   */
  public Page page(Instant now, int pageSize, String token, String status, String type) {
    var tail = token == null ? ordered : ordered.tailMap(decode(token), false);
    List<Job> jobs = new ArrayList<>();
    Key lastKey = null;
    boolean more = false;
    for (var entry : tail.entrySet()) {
      Job job = entry.getValue().view(now);
      if ((status != null && !status.equals(job.status())) || (type != null && !type.equals(job.jobType()))) {
        continue;
      }
      if (jobs.size() == pageSize) {
        more = true;
        break;
      }
      jobs.add(job);
      lastKey = entry.getKey();
    }
    return new Page(jobs, more ? encode(lastKey) : null);
  }

  /** A page and the token of the next one, null on the last page. */
  public record Page(List<Job> jobs, String nextToken) {}

  private static String encode(Key key) {
    String text = key.createdAt().toEpochMilli() + ":" + key.createdAt().getNano() + ":" + key.sequence();
    return "page_" + Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Key decode(String token) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token.substring("page_".length())),
          StandardCharsets.UTF_8).split(":");
      Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
      at = at.minusNanos(at.getNano()).plusNanos(Integer.parseInt(parts[1]));
      return new Key(at, Long.parseLong(parts[2]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid paginationToken", e);
    }
  }
}
