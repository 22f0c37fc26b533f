package dev.ltx4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.model.JobStatusChange;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetDateTimeAdapterTest {
  private final Random random = new Random(20261202);

  @Test
  void readsTheServicesFormWithAnyFractionExactlyAsOffsetDateTimeParse() {
    for (int i = 0; i < 20_000; i++) {
      String text = serviceForm(random);
      OffsetDateTime direct = OffsetDateTimeAdapter.utc(text);
      assertThat(direct).as(text).isNotNull().isEqualTo(OffsetDateTime.parse(text));
    }
  }

  @Test
  void readsOtherFormsThroughOffsetDateTimeParse() {
    for (String text : new String[] {"2026-07-29T10:00:21+02:00", "2026-07-29T10:00:21.5-05:30",
        "2026-07-29T10:00Z", "+12026-07-29T10:00:21Z", "2026-07-29t10:00:21z"}) {
      assertThat(OffsetDateTimeAdapter.utc(text)).as(text).isNull();
      assertThat(OffsetDateTimeAdapter.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
    }
  }

  @Test
  void outOfRangeFieldsAreNoTimestampEitherWay() {
    for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-07-29T24:00:00Z",
        "2026-07-29T23:59:60Z", "2026-07-29T23:60:00Z", "2026-07-29T10:00:21.1234567890Z"}) {
      assertThat(OffsetDateTimeAdapter.parse(text)).as(text).isNull();
      assertThat(reference(text)).as(text).isNull();
    }
  }

  @Test
  void agreesWithOffsetDateTimeParseOnMangledTexts() {
    String alphabet = "0123456789-:.TZ+ zx";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder(serviceForm(random));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, c);
          case 1 -> text.insert(at, c);
          default -> text.deleteCharAt(at);
        }
      }
      String mangled = text.toString();
      assertThat(OffsetDateTimeAdapter.parse(mangled)).as(mangled).isEqualTo(reference(mangled));
    }
  }

  @Test
  void aTimestampThatIsNotIso8601DoesNotMakeTheAnswerUnreadable() throws IOException {
    JobStatusChange change = Json.moshi().adapter(JobStatusChange.class)
        .fromJson("{\"status\": \"queued\", \"date\": \"yesterday\"}");

    assertThat(change.date()).isNull();
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, with 0 to 9 digits of fraction, at a random instant. */
  private static String serviceForm(Random random) {
    Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
        random.nextInt(1_000_000_000));
    int digits = random.nextInt(10);
    String pattern = "yyyy-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits)) + "'Z'";
    return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(instant);
  }

  private static OffsetDateTime reference(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
