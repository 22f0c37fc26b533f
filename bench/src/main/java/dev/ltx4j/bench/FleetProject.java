package dev.ltx4j.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A project's jobs in virtual time, shaped like LTX generations: queued for the first 5 % of their length, in
 * progress to 95 % with progress in 5 % steps, finalizing for the rest, then a success with one asset. Answers a
 * job's {@code GET} and the list (newest first, paged by an offset token), and counts both.
 */
final class FleetProject extends Dispatcher {
  record Job(String id, Instant createdAt, Duration length) {
    Instant finishesAt() {
      return createdAt.plus(length);
    }
  }

  private final Clock clock;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  final AtomicLong gets = new AtomicLong();
  final AtomicLong lists = new AtomicLong();

  FleetProject(Clock clock) {
    this.clock = clock;
  }

  void add(Job job) {
    jobs.put(job.id(), job);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    Instant now = clock.instant();
    if (path.equals("/v1/jobs")) {
      lists.incrementAndGet();
      int size = Integer.parseInt(request.getUrl().queryParameter("pageSize"));
      String token = request.getUrl().queryParameter("paginationToken");
      int from = token == null ? 0 : Integer.parseInt(token);
      List<Job> visible = new ArrayList<>(jobs.values().stream().filter(j -> !j.createdAt().isAfter(now)).toList());
      visible.sort(Comparator.comparing(Job::createdAt).reversed());
      List<String> page = visible.stream().skip(from).limit(size).map(j -> json(j, now)).toList();
      String next = from + size < visible.size() ? ", \"nextPaginationToken\": \"" + (from + size) + "\"" : "";
      return ok("{\"jobs\": [" + String.join(", ", page) + "]" + next + "}");
    }
    gets.incrementAndGet();
    Job job = jobs.get(path.substring(path.lastIndexOf('/') + 1));
    return job == null ? new MockResponse.Builder().code(404).body("{\"reason\": \"not found\"}").build()
        : ok("{\"job\": " + json(job, now) + "}");
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  private static String json(Job job, Instant now) {
    double share = (double) Duration.between(job.createdAt(), now).toMillis() / job.length().toMillis();
    String head = "{\"jobId\": \"" + job.id() + "\", \"jobType\": \"custom\", \"createdAt\": \"" + job.createdAt()
        + "\", ";
    if (share < 0.05) {
      return head + "\"status\": \"queued\", \"progress\": 0}";
    }
    if (share < 0.95) {
      double progress = Math.min(1, Math.floor((share - 0.05) / 0.9 * 20) / 20);
      return head + "\"status\": \"in-progress\", \"progress\": " + progress + "}";
    }
    if (share < 1) {
      return head + "\"status\": \"finalizing\", \"progress\": 1}";
    }
    return head + "\"status\": \"success\", \"progress\": 1, \"updatedAt\": \"" + job.finishesAt()
        + "\", \"metadata\": {\"assetIds\": [\"asset_" + job.id() + "\"]}}";
  }
}
