package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchFileTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"duration\": 8}                             | prompt is required",
      "{\"prompt\": 42}                              | \"prompt\" must be a string, got 42",
      "{\"prompt\": null}                            | \"prompt\" must be a string, got null",
      "{\"prompt\": \"A cat\", \"duration\": 8.9}      | \"duration\" must be a whole number, got 8.9",
      "{\"prompt\": \"A cat\", \"duration\": \"8\"}      | \"duration\" must be a whole number, got \"8\"",
      "{\"prompt\": \"A cat\", \"fps\": 24.5}          | \"fps\" must be a whole number, got 24.5",
      "{\"prompt\": \"A cat\", \"fps\": 30}            | fps 30 is not allowed; allowed: [24, 25, 48, 50]",
      "{\"prompt\": \"A cat\", \"generateAudio\": \"yes\"} | \"generateAudio\" must be true or false, got \"yes\"",
      "{\"prompt\": \"A cat\", \"resolution\": 1080}   | \"resolution\" must be a string, got 1080",
      "{\"prompt\": \"A cat\", \"colour\": 7}          | unknown field \"colour\"; allowed: prompt, startImage, endImage, resolution",
      "null                                       | must be a JSON object like {\"prompt\": \"A cat\"}, got null",
      "[{\"prompt\": \"A cat\"}]                  | must be a JSON object like {\"prompt\": \"A cat\"}, got an array",
      "7                                          | must be a JSON object like {\"prompt\": \"A cat\"}, got 7",
      "{\"prompt\": \"A cat\",}                       | not valid JSON (",
      "{\"prompt\": \"A cat\"} {\"prompt\": \"A dog\"}   | not valid JSON (",
      "{\"prompt\": \"A cat\", \"prompt\": \"A dog\"}    | not valid JSON (Map key 'prompt' has multiple values",
  })
  void aFaultyLineIsRefusedWithTheFileItsLineNumberAndTheReason(String faulty, String reason) throws Exception {
    Path file = write(("{\"prompt\": \"A good line\"}\n" + faulty + "\n").getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> BatchFile.read(file))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(file + " line 2: " + reason);
  }

  @Test
  void wholeNumbersWrittenWithADecimalPointAreTakenAsTheirValue() throws Exception {
    Path file = write("{\"prompt\": \"A cat\", \"duration\": 8.0, \"fps\": 24.0}".getBytes(StandardCharsets.UTF_8));

    assertThat(BatchFile.read(file)).singleElement().extracting(BatchFile.Line::request)
        .isEqualTo(LtxRequest.builder().prompt("A cat").durationSeconds(8).fps(24).build());
  }

  @Test
  void aByteOrderMarkIsIgnoredBlankLinesAreSkippedAndLinesKeepTheFilesNumbers() throws Exception {
    Path file = write(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "{\"prompt\": \"First\"}\r\n\n   \n{\"prompt\": \"Fourth\", \"generateAudio\": false}\n\n"));

    List<BatchFile.Line> lines = BatchFile.read(file);

    assertThat(lines).extracting(BatchFile.Line::number).containsExactly(1, 4);
    assertThat(lines.get(0).request()).isEqualTo(LtxRequest.of("First"));
    assertThat(lines.get(1).request()).isEqualTo(LtxRequest.builder().prompt("Fourth").generateAudio(false).build());
  }

  @Test
  void invalidUtf8IsRefusedNamingTheLine() throws Exception {
    Path file = write(bytes("{\"prompt\": \"A cat\"}\n{\"prompt\": \"Caf".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xE9}, "\"}\n".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> BatchFile.read(file)).hasMessage(file + " line 2: not valid UTF-8 text");
  }

  @Test
  void everyBadLineIsNamedInOneReportUpToTheLimitAndTheRestCounted() throws Exception {
    StringBuilder text = new StringBuilder("{\"prompt\": \"A cat\"}\n{\"prompt\": \"A dog\", \"fps\": 30}\nnot json\n");
    for (int i = 0; i < BatchFile.MAX_REPORTED + 3; i++) {
      text.append("{\"duration\": 7, \"prompt\": \"x\"}\n");
    }
    Path file = write(text.toString().getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> BatchFile.read(file))
        .hasMessageStartingWith((BatchFile.MAX_REPORTED + 5) + " lines of " + file + " are invalid; nothing was sent:")
        .hasMessageContaining(file + " line 2: fps 30 is not allowed")
        .hasMessageContaining(file + " line 3: not valid JSON")
        .hasMessageContaining(file + " line 4: duration 7")
        .hasMessageContaining("… and 5 more");
  }

  @Test
  void aFileWithoutRequestsOrWithoutAFileIsRefused() throws Exception {
    Path blank = write("\n  \n".getBytes(StandardCharsets.UTF_8));
    Path missing = dir.resolve("missing.jsonl");

    assertThatThrownBy(() -> BatchFile.read(blank)).hasMessageStartingWith(blank + " holds no requests");
    assertThatThrownBy(() -> BatchFile.read(missing)).hasMessage(missing + ": no such file");
  }

  private Path write(byte[] content) throws Exception {
    return Files.write(dir.resolve("prompts.jsonl"), content);
  }

  private static byte[] bytes(Object... parts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.write(part instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) part);
    }
    return out.toByteArray();
  }
}
