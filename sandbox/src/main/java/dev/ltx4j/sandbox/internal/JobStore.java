package dev.ltx4j.sandbox.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's jobs, newest first. Pages are cut by keyset (creation time, then insertion order), so a job
 * created while a client pages through never shifts a page.
 */
public final class JobStore {
  private record Key(Instant createdAt, long sequence) {}

  private static final Comparator<Key> NEWEST_FIRST =
      Comparator.comparing(Key::createdAt).thenComparingLong(Key::sequence).reversed();

  private final ConcurrentSkipListMap<Key, JobRecord> ordered = new ConcurrentSkipListMap<>(NEWEST_FIRST);
  private final Map<String, Key> byId = new ConcurrentHashMap<>();
  private final Dialect dialect;
  private long sequence;

  /** A store whose page tokens and status filters follow {@code dialect}. */
  public JobStore(Dialect dialect) {
    this.dialect = dialect;
  }

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
        .filter(job -> !job.view(now).status().isTerminal())
        .count();
  }

  public synchronized void clear() {
    ordered.clear();
    byId.clear();
  }

  /**
   * One page of jobs as seen at {@code now}, filtered by status (in either spelling) and type; null matches all.
   *
   * @throws IllegalArgumentException when the token is not one this store made
   */
  public Page page(Instant now, int pageSize, @Nullable String token, @Nullable String status,
      @Nullable String type) {
    var tail = token == null ? ordered : ordered.tailMap(decode(token), false);
    List<JobView> jobs = new ArrayList<>();
    Key lastKey = null;
    boolean more = false;
    for (var entry : tail.entrySet()) {
      JobView job = entry.getValue().view(now);
      boolean statusMatches = status == null || status.equals(job.status().value())
          || status.equals(dialect.status(job.status()));
      if (!statusMatches || (type != null && !type.equals(job.spec().jobType()))) {
        continue;
      }
      if (jobs.size() == pageSize) {
        more = true;
        break;
      }
      jobs.add(job);
      lastKey = entry.getKey();
    }
    Key last = lastKey;
    return new Page(jobs, more && last != null ? encode(last) : dialect.lastPageToken());
  }

  /** A page and the token of the next one; on the last page, the dialect's {@link Dialect#lastPageToken()}. */
  public record Page(List<JobView> jobs, @Nullable String nextToken) {}

  private String encode(Key key) {
    return dialect.token(key.createdAt().getEpochSecond() + ":" + key.createdAt().getNano() + ":" + key.sequence());
  }

  private Key decode(String token) {
    String[] parts = dialect.cursor(token).split(":");
    try {
      return new Key(Instant.ofEpochSecond(Long.parseLong(parts[0]), Integer.parseInt(parts[1])),
          Long.parseLong(parts[2]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid paginationToken", e);
    }
  }
}
