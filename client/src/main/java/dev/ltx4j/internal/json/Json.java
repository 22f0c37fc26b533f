package dev.ltx4j.internal.json;

import com.squareup.moshi.Moshi;
import java.time.OffsetDateTime;

/** The one Moshi instance that reads and writes the generated models, tolerant of API growth. */
public final class Json {
  private static final Moshi MOSHI =
      new Moshi.Builder()
          .add(OffsetDateTime.class, OffsetDateTimeAdapter.INSTANCE)
          .add(new TolerantEnumFactory())
          .add(new RecordAdapterFactory("dev.ltx4j.model"))
          .build();

  private Json() {}

  public static Moshi moshi() {
    return MOSHI;
  }
}
