package dev.ltx4j.contract;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** The names, credentials and provider states every pact of ltx4j shares, and a client pointed at the mock server. */
final class Contract {
  static final String CONSUMER = "ltx4j-client";
  static final String PROVIDER = "scenario-api";

  /** Test credentials: the provider accepts them unless a state says otherwise. Never real ones. */
  static final String KEY = "contract-key";
  static final String SECRET = "contract-secret";
  static final String REJECTED_KEY = "revoked-key";

  static final String GENERATE = "/v1/generate/custom/model_ltx-2-3-fast";
  static final String JOB = "/v1/jobs/job_abc123";

  // Provider states: contract-tests/README.md says what each implies; the sandbox implements exactly these.
  static final String IMAGES_UPLOADED = "images asset_start123 and asset_end456 are uploaded";
  static final String CREDENTIALS_REJECTED = "the API key and secret are not recognised";
  static final String CONCURRENCY_LIMIT = "the team runs 5 generations, its concurrency limit";
  static final String JOB_QUEUED = "job job_abc123 is queued";
  static final String JOB_IN_PROGRESS = "job job_abc123 is in progress at 0.42";
  static final String JOB_SUCCEEDED = "job job_abc123 succeeded";
  static final String JOB_FAILED = "job job_abc123 failed";
  static final String JOB_CANCELED = "job job_abc123 was canceled";
  static final String TWO_JOBS = "jobs job_abc123 and job_def456 exist";
  static final String VIDEO_ASSET = "asset asset_abc123 is a generated video";
  static final String TWO_VIDEO_ASSETS = "assets asset_abc123 and asset_def456 are generated videos";
  static final String UPLOAD_AWAITS_PART = "upload upload_abc123 of one part was started";
  static final String UPLOAD_HAS_PARTS = "upload upload_abc123 has received its one part";
  static final String UPLOAD_IMPORTED = "upload upload_abc123 was imported as asset asset_start123";
  static final String JOB_MISSING = "job job_missing does not exist";
  static final String PROTECTED_RESOURCES = "the API key cannot access protected resources";
  static final String RATE_USED_UP = "the project's request rate is used up for 30 seconds";

  static final String JOB_ID_PATTERN = "job_[A-Za-z0-9_-]+";
  static final String ASSET_ID_PATTERN = "asset_[A-Za-z0-9_-]+";
  static final String STATUS_PATTERN = "pending|queued|warming-up|in-progress|finalizing|success|failure|canceled";
  /** ISO-8601 with or without fractional seconds: the service sends milliseconds, some of its guides show none. */
  static final String TIMESTAMP_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})";
  static final String TIMESTAMP_EXAMPLE = "2026-07-29T10:00:00.000Z";
  private static final String BASIC_PATTERN = "Basic [A-Za-z0-9+/]+=*";
  private static final String JSON_PATTERN = "application/json(;\\s?charset=(?i)utf-8)?";

  private Contract() {}

  /** The real client, pointed at the Pact mock server, waiting without delay between polls. */
  static LtxClientBuilder builder(MockServer server, String key) {
    return LtxClient.builder()
        .apiKey(key)
        .apiSecret(SECRET)
        .baseUrl(server.getUrl() + "/v1")
        .sleeper(delay -> CompletableFuture.completedFuture(null));
  }

  /**
   * The real client, sending through {@code wire} and addressing the API by the mock server's loopback address:
   * the URLs the mock server hands out as presigned storage URLs name it {@code localhost}, so they count as
   * another host, as they do in production, and get no API credentials.
   */
  static LtxClientBuilder builderWithStorageElsewhere(MockServer server, Wire wire) {
    String url = server.getUrl();
    if (!url.startsWith("http://localhost:")) {
      throw new IllegalStateException("the mock server is expected to call itself localhost, not " + url);
    }
    return builder(server, KEY).baseUrl(url.replace("//localhost:", "//127.0.0.1:") + "/v1").okHttpClient(wire.http());
  }

  static LtxClient client(MockServer server) {
    return builder(server, KEY).build();
  }

  /** The request {@code method path}, carrying the Basic credentials the client sends for {@code key}. */
  static PactDslRequestWithPath request(PactDslRequestWithoutPath request, String key, String method, String path) {
    return request.method(method).path(path).matchHeader("Authorization", BASIC_PATTERN, basic(key));
  }

  /** Adds the JSON content type the client sends with a body (OkHttp adds a charset). */
  static PactDslRequestWithPath json(PactDslRequestWithPath request) {
    return request.matchHeader("Content-Type", JSON_PATTERN, "application/json; charset=UTF-8");
  }

  private static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
  }
}
