package dev.ltx4j.micrometer;

import dev.ltx4j.model.Job;
import io.micrometer.core.instrument.Tags;
import java.util.Map;

/** Turns what the client reports into tag values from a small, fixed set. */
final class Outcomes {
  private Outcomes() {}

  /** Micrometer's HTTP client convention: SUCCESS, REDIRECTION, CLIENT_ERROR, SERVER_ERROR, or UNKNOWN (no answer). */
  static String of(int status) {
    if (status >= 200 && status < 300) {
      return "SUCCESS";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    }
    return status >= 500 && status < 600 ? "SERVER_ERROR" : "UNKNOWN";
  }

  /** The resolution and video duration a job was asked for, read from the input it echoes; else {@code unknown}. */
  static Tags shape(Job job) {
    Map<String, Object> input = job.metadata() == null ? null : job.metadata().input();
    Object resolution = input == null ? null : input.get("resolution");
    Object duration = input == null ? null : input.get("duration");
    String seconds = "unknown";
    if (duration instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() > 0
        && n.doubleValue() <= 600) {
      seconds = String.valueOf(n.intValue());
    }
    String res = resolution instanceof String r && r.matches("[0-9A-Za-z]{1,8}") ? r : "unknown";
    return Tags.of("resolution", res, "duration", seconds);
  }

  /** A user-given value kept only when short and plain (a model id), so that no odd value makes a new series. */
  static String bounded(String value, int max) {
    return value != null && value.length() <= max && value.matches("[A-Za-z0-9_.-]+") ? value : "other";
  }
}
