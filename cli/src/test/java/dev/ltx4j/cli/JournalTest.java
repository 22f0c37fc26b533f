package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalTest {
  @TempDir Path dir;

  @Test
  void aReopenedJournalKnowsEachLinesStateAndIgnoresATornLastLine() throws Exception {
    try (Journal journal = Journal.open(dir)) {
      journal.submitting(1, Instant.parse("2026-12-01T10:00:00Z"));
      journal.submitted(1, "job_one");
      journal.done(1, "out/line-1.mp4");
      journal.submitting(2, Instant.parse("2026-12-01T10:00:01Z"));
      journal.submitting(3, Instant.parse("2026-12-01T10:00:02Z"));
      journal.submitted(3, "job_three");
    }
    Files.writeString(journal(), "\n{\"line\":3,\"event\":\"done\",\"fi", java.nio.file.StandardOpenOption.APPEND);

    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entry(1)).isEqualTo(new Journal.Entry("done", Instant.parse("2026-12-01T10:00:00Z"),
          "job_one", "out/line-1.mp4", null));
      assertThat(journal.entry(3).state()).isEqualTo("submitted");
      assertThat(journal.unresolvedLines()).containsExactly(2);
      assertThat(journal.boundJobIds()).containsExactlyInAnyOrder("job_one", "job_three");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"event\": \"submitted\", \"jobId\": \"job_a\"}     | \"line\" must be a line number, got null",
      "{\"line\": 2, \"event\": \"submitted\"}             | a \"submitted\" record needs \"jobId\"",
      "{\"line\": 2, \"event\": \"submitted\", \"jobId\": [1]} | Expected a string but was BEGIN_ARRAY at path $.jobId",
      "{\"line\": 2, \"event\": \"submitting\", \"at\": \"soon\"} | \"at\" must be a time like",
      "{\"line\": \"two\", \"event\": \"done\", \"file\": \"x\"} | Expected an int but was two at path $.line",
      "{\"line\": 2, \"event\": \"paid\"}                  | unknown event paid",
      "[2, \"done\"]                                      | Expected BEGIN_OBJECT but was BEGIN_ARRAY",
  })
  void aRecordThatIsJsonButNotAJournalEventIsAnErrorNamingTheFileAndLine(String record, String problem)
      throws Exception {
    Files.writeString(journal(), "\n{\"line\":1,\"event\":\"submitting\",\"at\":\"2026-12-01T10:00:00Z\"}\n\n"
        + record + "\n\n{\"line\":1,\"event\":\"submitted\",\"jobId\":\"job_a\"}\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Journal.open(dir))
        .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageStartingWith(journal() + " line 4 is not a batch journal record: " + problem);
  }

  @Test
  void theJournalCannotBeOpenedTwiceAtOnceButAgainOnceClosed() throws Exception {
    try (Journal first = Journal.open(dir)) {
      assertThatThrownBy(() -> Journal.open(dir))
          .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BUSY))
          .hasMessageContaining(dir + " is in use by another batch");
    }
    try (Journal again = Journal.open(dir)) {
      assertThat(again.entry(1)).isNull();
    }
  }

  private Path journal() {
    return dir.resolve(Journal.FILE_NAME);
  }
}
