package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Responses;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The admin endpoints, outside the simulated API and without authentication (the sandbox listens on loopback):
 * {@code GET /_admin/counters} and {@code POST /_admin/reset}.
 */
final class Admin {
  private final Counters counters;
  private final Reset reset;

  Admin(Counters counters, Reset reset) {
    this.counters = counters;
    this.reset = reset;
  }

  MockResponse handle(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (request.getMethod().equals("GET") && path.equals("/_admin/counters")) {
      return Responses.json(200, counters.toJsonValue());
    }
    if (request.getMethod().equals("POST") && path.equals("/_admin/reset")) {
      reset.run();
      return Responses.json(200, Map.of("reset", true));
    }
    return Responses.reason(404, "Not found: " + request.getMethod() + " " + path);
  }
}
