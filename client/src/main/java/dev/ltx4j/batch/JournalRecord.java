package dev.ltx4j.batch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record of a batch journal as written; absent fields are left out. Events: {@code batch} (id, source, lines,
 * maxCredits), {@code line} (line, request, key, estimate), and per line {@code submitting} (at), {@code pending},
 * {@code submitted} (jobId, credits), {@code extra} (jobId, credits), {@code done} (file), {@code failed} and
 * {@code unresolved} (error); {@code stopped} (error) for the batch.
 */
record JournalRecord(@Nullable String event, @Nullable Integer line, @Nullable String at, @Nullable String jobId,
    @Nullable Double credits, @Nullable String file, @Nullable String error, @Nullable String id,
    @Nullable String source, @Nullable Integer lines, @Nullable Double maxCredits, @Nullable String request,
    @Nullable String key, @Nullable Double estimate) {

  static JournalRecord batch(String id, @Nullable String source, int lines, @Nullable Double maxCredits) {
    return new JournalRecord("batch", null, null, null, null, null, null, id, source, lines, maxCredits, null, null,
        null);
  }

  static JournalRecord line(NewLine line) {
    return new JournalRecord("line", line.line(), null, null, null, null, null, null, null, null, null, line.request(),
        line.requestKey(), line.estimate());
  }

  static JournalRecord of(String event, int line) {
    return new JournalRecord(event, line, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  JournalRecord at(Instant at) {
    return new JournalRecord(event, line, at.toString(), jobId, credits, file, error, id, source, lines, maxCredits,
        request, key, estimate);
  }

  JournalRecord job(String jobId, @Nullable Double credits) {
    return new JournalRecord(event, line, at, jobId, credits, file, error, id, source, lines, maxCredits, request, key,
        estimate);
  }

  JournalRecord file(String file) {
    return new JournalRecord(event, line, at, jobId, credits, file, error, id, source, lines, maxCredits, request, key,
        estimate);
  }

  JournalRecord error(String error) {
    return new JournalRecord(event, line, at, jobId, credits, file, error, id, source, lines, maxCredits, request, key,
        estimate);
  }

  /** The record as a JSON object's fields, the absent ones left out. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    put(json, "event", event);
    put(json, "line", line);
    put(json, "at", at);
    put(json, "jobId", jobId);
    put(json, "credits", credits);
    put(json, "file", file);
    put(json, "error", error);
    put(json, "id", id);
    put(json, "source", source);
    put(json, "lines", lines);
    put(json, "maxCredits", maxCredits);
    put(json, "request", request);
    put(json, "key", key);
    put(json, "estimate", estimate);
    return json;
  }

  private static void put(Map<String, Object> json, String name, @Nullable Object value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  /**
   * The record a parsed JSON object holds.
   *
   * @throws IllegalArgumentException naming the field whose value has the wrong type
   */
  static JournalRecord fromJson(Map<?, ?> json) {
    return new JournalRecord(text(json, "event"), whole(json, "line"), text(json, "at"), text(json, "jobId"),
        number(json, "credits"), text(json, "file"), text(json, "error"), text(json, "id"), text(json, "source"),
        whole(json, "lines"), number(json, "maxCredits"), text(json, "request"), text(json, "key"),
        number(json, "estimate"));
  }

  private static @Nullable String text(Map<?, ?> json, String name) {
    Object value = json.get(name);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("\"" + name + "\" must be a string, got " + value);
    }
    return (String) value;
  }

  private static @Nullable Double number(Map<?, ?> json, String name) {
    Object value = json.get(name);
    if (value != null && !(value instanceof Number)) {
      throw new IllegalArgumentException("\"" + name + "\" must be a number, got " + value);
    }
    return value == null ? null : ((Number) value).doubleValue();
  }

  private static @Nullable Integer whole(Map<?, ?> json, String name) {
    Double value = number(json, name);
    if (value != null && (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("\"" + name + "\" must be a whole number, got " + value);
    }
    return value == null ? null : value.intValue();
  }

  /** What makes a parsed record unusable, or null. */
  @Nullable String problem() {
    String event = this.event;
    if (event == null) {
      return "it names no event";
    }
    String missing = switch (event) {
      case "batch" -> id == null ? "id" : lines == null ? "lines" : null;
      case "line" -> request == null ? "request" : key == null ? "key" : null;
      case "submitting" -> at == null ? "at" : null;
      case "submitted", "extra" -> jobId == null ? "jobId" : null;
      case "done" -> file == null ? "file" : null;
      case "failed", "unresolved", "stopped" -> error == null ? "error" : null;
      case "pending", "unsent" -> null;
      default -> "event";
    };
    if (missing != null) {
      return missing.equals("event") ? "unknown event " + event : "a \"" + event + "\" record needs \"" + missing + "\"";
    }
    if (!event.equals("batch") && !event.equals("stopped") && (line == null || line < 1)) {
      return "\"line\" must be a line number, got " + line;
    }
    String at = this.at;
    if (at != null) {
      try {
        Instant.parse(at);
      } catch (DateTimeParseException e) {
        return "\"at\" must be a time like 2026-01-31T12:00:00Z, got " + at;
      }
    }
    return null;
  }

  /** The event of a record {@link #problem()} found nothing wrong with. */
  String checkedEvent() {
    return checked(event, "event");
  }

  /** The line number of a checked record of a line (every event but {@code batch} and {@code stopped}). */
  int checkedLine() {
    return checked(line, "line");
  }

  /** A field {@link #problem()} made sure of: present, since the record's event needs it. */
  static <T> T checked(@Nullable T value, String name) {
    return Objects.requireNonNull(value, () -> "a checked journal record lacks \"" + name + "\"");
  }
}
