package dev.ltx4j.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw calls that see every status, a 429 included, without a client's retries in the way. */
final class Calls {
  static final String LIST = "/jobs?pageSize=1";

  private Calls() {}

  /** The status and body of an authorized GET. */
  static Answer get(Sandbox sandbox, String path) {
    return send(ApiBehaviourTest.authorized(sandbox, path).build());
  }

  /** The status and body of an authorized generation of {@code prompt}. */
  static Answer generate(Sandbox sandbox, String prompt) {
    RequestBody body = RequestBody.create("{\"prompt\": \"" + prompt + "\"}", MediaType.get("application/json"));
    return send(ApiBehaviourTest.authorized(sandbox, "/generate/custom/model_ltx-2-3-fast").post(body).build());
  }

  /** {@code n} authorized GETs of one cheap path, each answered 200. */
  static void admitted(Sandbox sandbox, int n) {
    for (int i = 0; i < n; i++) {
      Answer answer = get(sandbox, LIST);
      if (answer.status() != 200) {
        throw new AssertionError("call " + (i + 1) + " of " + n + " answered " + answer);
      }
    }
  }

  static Answer send(Request request) {
    try (Response response = Http.CLIENT.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Answer(int status, String body) {}
}
