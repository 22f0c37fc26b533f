package dev.ltx4j.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch's append-only journal (JSON Lines), synced to disk after every event, so that a batch killed at any point
 * resumes knowing which lines were sent, which have jobs, and which are done. A torn last line is ignored.
 */
final class Journal implements AutoCloseable {
  /** What the journal knows of one input line. */
  record Entry(String state, Instant sentAt, String jobId, String file, String error) {}

  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final FileChannel channel;
  private final Map<Integer, Entry> entries;

  private Journal(FileChannel channel, Map<Integer, Entry> entries) {
    this.channel = channel;
    this.entries = entries;
  }

  static Journal open(Path file) throws IOException {
    Map<Integer, Entry> entries = new HashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        Map<String, Object> event;
        try {
          event = JSON.fromJson(line);
        } catch (IOException | RuntimeException torn) {
          continue; // the process died mid-write: that event never happened
        }
        if (event != null) {
          apply(entries, event);
        }
      }
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    return new Journal(channel, entries);
  }

  synchronized Entry entry(int line) {
    return entries.get(line);
  }

  void submitting(int line, Instant at) {
    append(line, "submitting", Map.of("at", at.toString()));
  }

  void submitted(int line, String jobId) {
    append(line, "submitted", Map.of("jobId", jobId));
  }

  void done(int line, String file) {
    append(line, "done", Map.of("file", file));
  }

  void failed(int line, String error) {
    append(line, "failed", Map.of("error", error));
  }

  private synchronized void append(int line, String event, Map<String, Object> fields) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("line", line);
    record.put("event", event);
    record.putAll(fields);
    byte[] bytes = ("\n" + JSON.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the batch journal", e);
    }
    apply(entries, record);
  }

  private static void apply(Map<Integer, Entry> entries, Map<String, Object> event) {
    int line = ((Number) event.get("line")).intValue();
    Entry old = entries.getOrDefault(line, new Entry("new", null, null, null, null));
    Entry updated = switch (String.valueOf(event.get("event"))) {
      case "submitting" -> new Entry("submitting", Instant.parse((String) event.get("at")), null, null, null);
      case "submitted" -> new Entry("submitted", old.sentAt(), (String) event.get("jobId"), null, null);
      case "done" -> new Entry("done", old.sentAt(), old.jobId(), (String) event.get("file"), null);
      case "failed" -> new Entry("failed", old.sentAt(), old.jobId(), null, (String) event.get("error"));
      default -> old;
    };
    entries.put(line, updated);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
