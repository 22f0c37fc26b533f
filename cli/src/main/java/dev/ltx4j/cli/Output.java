package dev.ltx4j.cli;

import java.io.PrintWriter;
import java.util.Map;

/** Results go to stdout (text, or one JSON object with --json); notes and progress go to stderr. */
final class Output {
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
    out.println(json ? CliJson.write(fields) : text);
    out.flush();
  }
}
