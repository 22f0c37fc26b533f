package dev.ltx4j.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A batch's append-only journal (JSON Lines in {@code <dir>/batch-journal.jsonl}), synced to disk after every event,
 * so that a batch killed at any point resumes knowing which lines were sent, which have jobs, and which are done.
 * Opening it takes the folder's {@link FolderLock}: one run at a time. A line that is not JSON is a write torn by a
 * kill and is ignored; a JSON record that is not a journal event is an error naming the file and its line.
 */
final class Journal implements AutoCloseable {
  static final String FILE_NAME = "batch-journal.jsonl";

  /** What the journal knows of one input line. */
  record Entry(String state, Instant sentAt, String jobId, String file, String error) {
    /** Sent, but whether a job came of it is not known: the job id was never recorded. */
    boolean unresolved() {
      return state.equals("submitting") && jobId == null;
    }
  }

  /** One journal record as written; absent fields are left out. */
  public record Event(Integer line, String event, String at, String jobId, String file, String error) {}

  private static final JsonAdapter<Event> JSON = CliJson.adapter(Event.class);

  private final FolderLock lock;
  private final FileChannel channel;
  private final Map<Integer, Entry> entries;

  private Journal(FolderLock lock, FileChannel channel, Map<Integer, Entry> entries) {
    this.lock = lock;
    this.channel = channel;
    this.entries = entries;
  }

  /**
   * Locks {@code dir} for this run and reads its journal.
   *
   * @throws CommandException naming the holder when another run has the folder, or the journal line at fault
   */
  static Journal open(Path dir) throws IOException {
    FolderLock lock = FolderLock.acquire(dir);
    try {
      Path file = dir.resolve(FILE_NAME);
      Map<Integer, Entry> entries = new HashMap<>();
      if (Files.exists(file)) {
        // Decoded leniently: a torn multi-byte character only spoils the torn line, which is skipped anyway.
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          read(file, i + 1, lines.get(i), entries);
        }
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      return new Journal(lock, channel, entries);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  synchronized Entry entry(int line) {
    return entries.get(line);
  }

  /** Job ids the journal has given to a line, in any state. */
  synchronized Set<String> boundJobIds() {
    return entries.values().stream().map(Entry::jobId).filter(Objects::nonNull).collect(Collectors.toSet());
  }

  /** Lines sent without a recorded job id: a lost answer, or a run killed mid-submit. */
  synchronized Set<Integer> unresolvedLines() {
    return entries.entrySet().stream().filter(e -> e.getValue().unresolved()).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  void submitting(int line, Instant at) {
    append(new Event(line, "submitting", at.toString(), null, null, null));
  }

  /** The line's request was refused or withdrawn before it could create a job: it is as if never sent. */
  void unsent(int line) {
    append(new Event(line, "unsent", null, null, null, null));
  }

  void submitted(int line, String jobId) {
    append(new Event(line, "submitted", null, jobId, null, null));
  }

  void done(int line, String file) {
    append(new Event(line, "done", null, null, file, null));
  }

  void failed(int line, String error) {
    append(new Event(line, "failed", null, null, null, error));
  }

  private synchronized void append(Event event) {
    byte[] bytes = ("\n" + JSON.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the batch journal", e);
    }
    entries.put(event.line(), apply(entries.get(event.line()), event));
  }

  private static void read(Path file, int number, String text, Map<Integer, Entry> entries) {
    if (text.isBlank()) {
      return;
    }
    Event event;
    try {
      event = JSON.fromJson(text);
    } catch (IOException torn) {
      return; // the process died mid-write: that event never happened
    } catch (JsonDataException e) {
      throw corrupt(file, number, e.getMessage());
    }
    String problem = problem(event);
    if (problem != null) {
      throw corrupt(file, number, problem);
    }
    entries.put(event.line(), apply(entries.get(event.line()), event));
  }

  /** What makes a parsed record unusable, or null. */
  private static String problem(Event event) {
    if (event == null) {
      return "null is not a journal record";
    }
    if (event.line() == null || event.line() < 1) {
      return "\"line\" must be a line number, got " + event.line();
    }
    String missing = switch (String.valueOf(event.event())) {
      case "submitting" -> event.at() == null ? "at" : null;
      case "submitted" -> event.jobId() == null ? "jobId" : null;
      case "unsent" -> null;
      case "done" -> event.file() == null ? "file" : null;
      case "failed" -> event.error() == null ? "error" : null;
      default -> "event";
    };
    if (missing != null) {
      return missing.equals("event") ? "unknown event " + event.event() : "a \"" + event.event() + "\" record needs \""
          + missing + "\"";
    }
    if (event.at() != null) {
      try {
        Instant.parse(event.at());
      } catch (DateTimeParseException e) {
        return "\"at\" must be a time like 2026-01-31T12:00:00Z, got " + event.at();
      }
    }
    return null;
  }

  private static Entry apply(Entry old, Event event) {
    Entry was = old == null ? new Entry("new", null, null, null, null) : old;
    return switch (event.event()) {
      case "submitting" -> new Entry("submitting", Instant.parse(event.at()), null, null, null);
      case "submitted" -> new Entry("submitted", was.sentAt(), event.jobId(), null, null);
      case "unsent" -> new Entry("new", null, null, null, null);
      case "done" -> new Entry("done", was.sentAt(), was.jobId(), event.file(), null);
      case "failed" -> new Entry("failed", was.sentAt(), was.jobId(), null, event.error());
      default -> throw new IllegalArgumentException("unknown event " + event.event());
    };
  }

  private static CommandException corrupt(Path file, int number, String problem) {
    return new CommandException(ExitCodes.USAGE, file + " line " + number + " is not a batch journal record: "
        + problem + ". Fix or remove that line; nothing was sent.");
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      lock.close();
    }
  }
}
