package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Responses;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The largest request bodies the listeners take. MockWebServer reads every request body before dispatching; with
 * its {@code bodyLimit} set it keeps at most that many bytes and drains (reads and drops) the rest while counting
 * it in {@link RecordedRequest#getBodySize()}, so an oversized body costs time, never memory, and is answered 413.
 * The count covers chunked bodies too, which carry no {@code Content-Length}.
 */
final class BodyLimits {
  /**
   * JSON API calls. The largest direct image upload the sandbox takes (just under 6 MiB) is 8 MiB as base64; 2 MiB
   * more leaves room for the JSON around it and for base64 broken into lines.
   */
  static final long API = 10L * 1024 * 1024;
  /** Part PUTs on the CDN listener: twice the client's 8 MiB parts. */
  static final long CDN_PART = 16L * 1024 * 1024;

  private BodyLimits() {}

  /** A 413 when the request's body was over {@code limit}. */
  static Optional<MockResponse> refusal(RecordedRequest request, long limit) {
    long size = request.getBodySize();
    return size <= limit ? Optional.empty() : Optional.of(Responses.reason(413,
        "Request body too large: " + size + " bytes, the limit is " + limit + " bytes"));
  }
}
