package dev.ltx4j.internal.poll;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.model.Job;
import dev.ltx4j.model.JobMetadata;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long generations take, learned from the jobs this client saw succeed: the median of the last {@link #KEPT}
 * of each kind (model, resolution, video length, frame rate), measured on the service's own clock (creation to
 * the success in the job's history), so that detection lag does not feed back into it. With it, a wait reads its
 * job once around when it should be done instead of closing in on it step by step: that is where a batch's
 * requests went.
 *
 * <p>The service's clock is not trusted alone: a time longer than {@link #LONGEST} is dropped, and one longer than
 * this client itself saw the job take (from sending its submission to reading its success) is cut down to that, so
 * that a wrong {@code createdAt} (1970, or the year −300,000,000) can neither overflow any arithmetic nor put a wait
 * to sleep past its job.
 */
public final class DurationModel {
  static final int KEPT = 15;
  /** The longest generation believed: anything longer is a clock that is wrong. */
  static final Duration LONGEST = Duration.ofHours(2);
  /** Kinds remembered at most; a long-running service sees few. */
  private static final int KINDS = 256;

  private final Map<String, Deque<Duration>> byKind = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Duration>> eldest) {
      return size() > KINDS;
    }
  };

  /**
   * Learns from a job seen succeeded; nothing when its times are missing or absurd. {@code seenTook}: how long this
   * client saw it take, by its own clock, or null when it did not submit it.
   */
  public synchronized void learn(JobSnapshot job, @Nullable Duration seenTook) {
    Duration took = serviceTime(job.job());
    if (took == null || took.compareTo(LONGEST) > 0) {
      return;
    }
    if (seenTook != null && !seenTook.isNegative() && took.compareTo(seenTook) > 0) {
      took = seenTook;
    }
    Deque<Duration> kept = byKind.computeIfAbsent(kind(job.job()), k -> new ArrayDeque<>());
    kept.addLast(took);
    if (kept.size() > KEPT) {
      kept.removeFirst();
    }
  }

  /** The median time jobs of this one's kind took, once two or more were seen. */
  public synchronized Optional<Duration> expected(JobSnapshot job) {
    Deque<Duration> kept = byKind.get(kind(job.job()));
    if (kept == null || kept.size() < 2) {
      return Optional.empty();
    }
    Duration[] sorted = kept.toArray(Duration[]::new);
    Arrays.sort(sorted);
    return Optional.of(sorted[sorted.length / 2]);
  }

  /** From creation to the success, as the service recorded them; null when it did not say. */
  private static @Nullable Duration serviceTime(Job job) {
    OffsetDateTime created = job.createdAt();
    OffsetDateTime finished = job.statusHistory() == null ? null : job.statusHistory().stream()
        .filter(change -> "success".equalsIgnoreCase(String.valueOf(change.status())) && change.date() != null)
        .map(change -> change.date()).findFirst().orElse(null);
    if (finished == null) {
      finished = job.updatedAt();
    }
    if (created == null || finished == null || !finished.isAfter(created)) {
      return null;
    }
    return Duration.between(created, finished);
  }

  private static String kind(Job job) {
    JobMetadata metadata = job.metadata();
    Map<String, Object> input = metadata == null || metadata.input() == null ? Map.of() : metadata.input();
    return input.get("modelId") + "|" + input.get("resolution") + "|" + input.get("duration") + "|" + input.get("fps");
  }
}
