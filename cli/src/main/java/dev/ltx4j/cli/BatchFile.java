package dev.ltx4j.cli;

import com.squareup.moshi.JsonDataException;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A batch's JSON Lines file, read and checked whole before anything is sent. Line numbers are the file's own (a
 * UTF-8 byte order mark is dropped, blank lines are skipped, CRLF endings are accepted); any other fault is an
 * {@link InvalidRequestException} naming the file and the line.
 */
final class BatchFile {
  /** One request and the number of the line it came from. */
  record Line(int number, LtxRequest request) {}

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** Bad lines named in one report; the rest are counted. */
  static final int MAX_REPORTED = 20;

  private BatchFile() {}

  static List<Line> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidRequestException("FILE", file + ": no such file");
    } catch (IOException e) {
      throw new InvalidRequestException("FILE", file + ": cannot be read (" + e.getMessage() + ")");
    }
    int start = Arrays.equals(bytes, 0, Math.min(3, bytes.length), BOM, 0, 3) ? 3 : 0;
    List<Line> lines = new ArrayList<>();
    List<InvalidRequestException> refused = new ArrayList<>();
    int number = 0;
    while (start <= bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      number++;
      try {
        String text = decode(file, number, ByteBuffer.wrap(bytes, start, end - start));
        if (!text.isBlank()) {
          lines.add(new Line(number, request(file, number, text)));
        }
      } catch (InvalidRequestException e) {
        refused.add(e); // every bad line is reported at once, so that one fix-and-rerun finds them all
      }
      start = end + 1;
    }
    if (refused.size() == 1) {
      throw refused.get(0);
    }
    if (!refused.isEmpty()) {
      StringBuilder message = new StringBuilder(refused.size() + " lines of " + file + " are invalid; nothing was sent:");
      refused.stream().limit(MAX_REPORTED).forEach(e -> message.append("\n  ").append(e.getMessage()));
      if (refused.size() > MAX_REPORTED) {
        message.append("\n  … and ").append(refused.size() - MAX_REPORTED).append(" more");
      }
      throw new InvalidRequestException(refused.get(0).parameter(), message.toString());
    }
    if (lines.isEmpty()) {
      throw new InvalidRequestException("FILE", file + " holds no requests: write one JSON object per line, e.g. "
          + "{\"prompt\": \"A cat\"}");
    }
    return List.copyOf(lines);
  }

  private static String decode(Path file, int number, ByteBuffer bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    } catch (CharacterCodingException e) {
      throw new InvalidRequestException("line " + number, where(file, number) + "not valid UTF-8 text");
    }
  }

  private static LtxRequest request(Path file, int number, String text) {
    Object value;
    try {
      value = CliJson.parse(text);
    } catch (IOException | JsonDataException e) {
      throw new InvalidRequestException("line " + number, where(file, number) + "not valid JSON ("
          + String.valueOf(e.getMessage()).replace("Use JsonReader.setLenient(true) to accept malformed JSON", "syntax error")
          + ")");
    }
    if (!(value instanceof Map<?, ?> fields)) {
      throw new InvalidRequestException("line " + number, where(file, number) + "must be a JSON object like "
          + "{\"prompt\": \"A cat\"}, got " + RequestFields.describe(value));
    }
    try {
      return RequestFields.toRequest(fields);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(e.parameter(), where(file, number) + e.getMessage());
    }
  }

  private static String where(Path file, int number) {
    return file + " line " + number + ": ";
  }
}
