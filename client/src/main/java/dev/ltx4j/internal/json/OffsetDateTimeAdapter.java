package dev.ltx4j.internal.json;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.ToJson;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ISO-8601 timestamps; Moshi has no java.time support of its own. */
final class OffsetDateTimeAdapter {
  static final OffsetDateTimeAdapter INSTANCE = new OffsetDateTimeAdapter();
  private static final Logger LOG = LoggerFactory.getLogger(OffsetDateTimeAdapter.class);

  private OffsetDateTimeAdapter() {}

  @FromJson
  OffsetDateTime fromJson(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      // A timestamp in an unexpected form must not make a whole job unreadable.
      LOG.debug("Ignoring a timestamp that is not ISO-8601: {}", text);
      return null;
    }
  }

  @ToJson
  String toJson(OffsetDateTime value) {
    return value.toString();
  }
}
