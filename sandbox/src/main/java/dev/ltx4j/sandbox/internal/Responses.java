package dev.ltx4j.sandbox.internal;

import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/** JSON responses, written by the sandbox's own {@link Json}. */
public final class Responses {
  private Responses() {}

  /** A JSON response; {@code body} is a map or a list of plain values. */
  public static MockResponse json(int code, Object body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(Json.write(body))
        .build();
  }

  /** An error body {@code {"reason": …}}; {@code {}} without a reason. */
  public static MockResponse reason(int code, @Nullable String reason) {
    return json(code, Json.object("reason", reason));
  }

  /** An error body {@code {"message": …}}, the form Scenario uses for 401, 403 and 5xx. */
  public static MockResponse message(int code, String message) {
    return json(code, Json.object("message", message));
  }
}
