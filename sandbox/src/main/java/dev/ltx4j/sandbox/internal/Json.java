package dev.ltx4j.sandbox.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's JSON: plain maps, lists, strings, numbers and booleans through its own Moshi. It deliberately shares
 * nothing with the client's models or adapters, so that a shape the client cannot read shows up as a failing test
 * instead of being written the way the client expects by construction.
 */
public final class Json {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private Json() {}

  /** An ordered JSON object from name/value pairs; pairs whose value is null are left out. */
  public static Map<String, Object> object(@Nullable Object... namesAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        object.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return object;
  }

  /** {@code value} as JSON; nulls inside maps are left out. */
  public static String write(Object value) {
    return ANY.toJson(value);
  }

  /**
   * A JSON object as a map (numbers come back as {@code Double}).
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(@Nullable String text) {
    @Nullable Object value;
    try {
      value = text == null ? null : ANY.fromJson(text);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Invalid JSON body: " + e.getMessage(), e);
    }
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("Invalid JSON body: expected an object");
    }
    return (Map<String, Object>) value;
  }
}
