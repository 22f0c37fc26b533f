package dev.ltx4j.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.PrintWriter;
import java.util.Map;

/** Results go to stdout (text, or one JSON object with --json); notes and progress go to stderr. */
final class Output {
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  Output(PrintWriter out, PrintWriter err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** A note for the person watching; silent with --json. */
  void note(String text) {
    if (!json) {
      err.println(text);
      err.flush();
    }
  }

  /** The result: {@code text} lines, or {@code fields} as one JSON object with --json. */
  void result(String text, Map<String, Object> fields) {
    out.println(json ? JSON.toJson(fields) : text);
    out.flush();
  }
}
