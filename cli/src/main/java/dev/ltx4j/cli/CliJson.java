package dev.ltx4j.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;

/**
 * The CLI's one JSON codec: batch lines and results are plain JSON values (maps, lists, strings, numbers, booleans),
 * the journal its own records; one Moshi serves them all.
 */
final class CliJson {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Object> VALUE = MOSHI.adapter(Object.class);

  private CliJson() {}

  /** Parses one JSON value; a map for an object, a double for any number. */
  static Object parse(String text) throws IOException {
    return VALUE.fromJson(text);
  }

  /** Writes a value (a map becomes an object) as compact JSON. */
  static String write(Object value) {
    return VALUE.toJson(value);
  }

  static <T> JsonAdapter<T> adapter(Class<T> type) {
    return MOSHI.adapter(type);
  }
}
