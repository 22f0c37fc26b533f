package dev.ltx4j;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Clients pointed at a MockWebServer, with virtual time, and the canned bodies tests share. */
final class TestClients {
  static final String KEY = "key-7f3a9c";
  static final String SECRET = "secret-b81e44d0";
  static final String JOB_QUEUED =
      "{\"job\": {\"jobId\": \"job_abc123\", \"jobType\": \"custom\", \"status\": \"queued\", \"progress\": 0},"
          + " \"creativeUnitsCost\": 2, \"creativeUnitsDiscount\": 0}";

  private TestClients() {}

  static LtxClientBuilder builder(MockWebServer server, VirtualTime time) {
    return LtxClient.builder()
        .apiKey(KEY)
        .apiSecret(SECRET)
        .baseUrl(server.url("/v1").toString())
        .clock(time)
        .sleeper(time)
        .readTimeout(Duration.ofSeconds(5));
  }

  static LtxClient client(MockWebServer server, VirtualTime time) {
    return builder(server, time).build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse json(String body) {
    return json(200, body);
  }
}
