package dev.ltx4j.sandbox.internal;

import com.squareup.moshi.JsonAdapter;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.ErrorResponse;
import mockwebserver3.MockResponse;

/** Builds JSON responses with the client's own Moshi, so the sandbox speaks exactly the generated models. */
public final class Responses {
  private Responses() {}

  /** A JSON response; {@code body} is a generated model, a map or a list. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static MockResponse json(int code, Object body) {
    Class<?> type = body instanceof java.util.Map || body instanceof java.util.List ? Object.class : body.getClass();
    JsonAdapter adapter = Json.moshi().adapter(type);
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(adapter.toJson(body))
        .build();
  }

  /** An error body {@code {"reason": …}}. */
  public static MockResponse reason(int code, String reason) {
    return json(code, ErrorResponse.builder().reason(reason).build());
  }

  /** An error body {@code {"message": …}}, the form Scenario uses for 401 and 5xx. */
  public static MockResponse message(int code, String message) {
    return json(code, ErrorResponse.builder().message(message).build());
  }
}
