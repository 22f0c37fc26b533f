package dev.ltx4j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A project's jobs on the tests' virtual clock: each is queued for 2 s, in progress for its own length with progress
 * in 10 % steps, then a success with one asset. Answers {@code GET /v1/jobs/{id}} and the list {@code GET /v1/jobs}
 * (newest first, paged by an offset token), and counts both.
 */
final class FakeProject extends Dispatcher {
  private record Entry(String id, Instant createdAt, double seconds) {}

  private final Clock clock;
  private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger lists = new AtomicInteger();
  volatile boolean listHidesAssets;
  volatile int listStatus = 200;

  FakeProject(Clock clock) {
    this.clock = clock;
  }

  void add(String id, Instant createdAt, double seconds) {
    jobs.put(id, new Entry(id, createdAt, seconds));
  }

  /** When the job finishes. */
  Instant finishesAt(String id) {
    Entry entry = jobs.get(id);
    return entry.createdAt().plusMillis(2000 + Math.round(entry.seconds() * 1000));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/v1/jobs")) {
      lists.incrementAndGet();
      if (listStatus != 200) {
        return TestClients.json(listStatus, "{\"reason\": \"not allowed\"}");
      }
      return list(request);
    }
    gets.incrementAndGet();
    Entry entry = jobs.get(path.substring(path.lastIndexOf('/') + 1));
    return entry == null ? TestClients.json(404, "{\"reason\": \"not found\"}")
        : TestClients.json("{\"job\": " + job(entry, false) + "}");
  }

  private MockResponse list(RecordedRequest request) {
    int size = Integer.parseInt(request.getUrl().queryParameter("pageSize"));
    String token = request.getUrl().queryParameter("paginationToken");
    int from = token == null ? 0 : Integer.parseInt(token);
    Instant now = clock.instant();
    List<Entry> visible = new ArrayList<>(jobs.values().stream().filter(e -> !e.createdAt().isAfter(now)).toList());
    visible.sort(Comparator.comparing(Entry::createdAt).reversed());
    List<String> page = visible.stream().skip(from).limit(size).map(e -> job(e, listHidesAssets)).toList();
    String next = from + size < visible.size() ? ", \"nextPaginationToken\": \"" + (from + size) + "\"" : "";
    return TestClients.json("{\"jobs\": [" + String.join(", ", page) + "]" + next + "}");
  }

  private String job(Entry entry, boolean hideAssets) {
    double t = Duration.between(entry.createdAt(), clock.instant()).toMillis() / 1000.0;
    String head = "{\"jobId\": \"" + entry.id() + "\", \"jobType\": \"custom\", \"createdAt\": \"" + entry.createdAt()
        + "\", ";
    if (t < 2) {
      return head + "\"status\": \"queued\", \"progress\": 0}";
    }
    if (t < 2 + entry.seconds()) {
      return head + "\"status\": \"in-progress\", \"progress\": " + Math.floor((t - 2) / entry.seconds() * 10) / 10
          + "}";
    }
    return head + "\"status\": \"success\", \"progress\": 1" + (hideAssets ? "}"
        : ", \"metadata\": {\"assetIds\": [\"asset_" + entry.id() + "\"]}}");
  }
}
