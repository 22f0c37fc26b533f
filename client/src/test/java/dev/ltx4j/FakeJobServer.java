package dev.ltx4j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Answers {@code GET /v1/jobs/{id}} from a script of the job's life as a function of the time since it was first
 * seen, on the tests' virtual clock; records when each request came.
 */
final class FakeJobServer extends Dispatcher {
  private final Clock clock;
  private final BiFunction<String, Duration, MockResponse> script;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
  final Map<String, Integer> getsPerJob = new ConcurrentHashMap<>();

  FakeJobServer(Clock clock, BiFunction<String, Duration, MockResponse> script) {
    this.clock = clock;
    this.script = script;
  }

  /** A job queued for 2 s, then in progress for {@code seconds} with progress in 10 % steps, then a success. */
  static MockResponse videoJob(String jobId, Duration age, double seconds) {
    double t = age.toMillis() / 1000.0;
    if (t < 2) {
      return job(jobId, "queued", null, "");
    }
    if (t < 2 + seconds) {
      double progress = Math.floor((t - 2) / seconds * 10) / 10;
      return job(jobId, "in-progress", progress, "");
    }
    return job(jobId, "success", 1.0, ", \"metadata\": {\"assetIds\": [\"asset_" + jobId + "\"]}");
  }

  static MockResponse job(String jobId, String status, Double progress, String extra) {
    return TestClients.json("{\"job\": {\"jobId\": \"" + jobId + "\", \"status\": \"" + status + "\""
        + (progress == null ? "" : ", \"progress\": " + progress) + extra + "}}");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Instant now = clock.instant();
    requestTimes.add(now);
    String path = request.getUrl().encodedPath();
    String jobId = path.substring(path.lastIndexOf('/') + 1);
    getsPerJob.merge(jobId, 1, Integer::sum);
    Instant first = firstSeen.computeIfAbsent(jobId, id -> now);
    return script.apply(jobId, Duration.between(first, now));
  }
}
