package dev.ltx4j.internal.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ISO-8601 timestamps; Moshi has no java.time support of its own. The service's own form, {@code
 * 2026-07-29T10:00:21.000Z}, is read directly: {@link OffsetDateTime#parse} costs about a microsecond and a half per
 * timestamp, and a job carries several, which made dates most of the cost of reading one. Any other form goes to
 * {@code OffsetDateTime.parse}, so both ways read every text the same.
 */
final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
  static final JsonAdapter<OffsetDateTime> INSTANCE = new OffsetDateTimeAdapter().nullSafe();
  private static final Logger LOG = LoggerFactory.getLogger(OffsetDateTimeAdapter.class);

  private OffsetDateTimeAdapter() {}

  @Override
  public @Nullable OffsetDateTime fromJson(JsonReader reader) throws IOException {
    return parse(reader.nextString());
  }

  @Override
  public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
    writer.value(value.toString());
  }

  /** The timestamp {@code text} names, or null when it is not ISO-8601 (it must not make a whole job unreadable). */
  static @Nullable OffsetDateTime parse(String text) {
    OffsetDateTime utc = utc(text);
    if (utc != null) {
      return utc;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeException e) {
      LOG.debug("Ignoring a timestamp that is not ISO-8601: {}", text);
      return null;
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} read directly; null for anything else, or out of range. */
  static @Nullable OffsetDateTime utc(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
        || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      if (text.charAt(19) != '.' || length == 21) {
        return null;
      }
      int fraction = digits(text, 20, length - 1);
      if (fraction < 0) {
        return null;
      }
      for (int scale = length - 21; scale < 9; scale++) {
        fraction *= 10;
      }
      nanos = fraction;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code text[from, to)}, or -1 if any character is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
