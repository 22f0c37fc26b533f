package dev.ltx4j.internal.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import dev.ltx4j.internal.JobStatuses;
import dev.ltx4j.model.JobStatus;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a generated enum's unknown value to its {@code UNKNOWN} constant instead of failing, and
 * reads job statuses with {@link JobStatuses}, which knows the other spellings Scenario's material uses.
 */
final class TolerantEnumFactory implements JsonAdapter.Factory {
  static final String UNKNOWN = "UNKNOWN";
  private static final Logger LOG = LoggerFactory.getLogger(TolerantEnumFactory.class);
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  @Override
  public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isEnum() || !raw.getPackageName().equals(JobStatus.class.getPackageName())) {
      return null;
    }
    return create(raw.asSubclass(Enum.class));
  }

  private static <E extends Enum<E>> JsonAdapter<E> create(Class<E> enumType) {
    E unknown = Enum.valueOf(enumType, UNKNOWN);
    JsonAdapter<E> delegate = EnumJsonAdapter.create(enumType).withUnknownFallback(unknown);
    return new JsonAdapter<E>() {
      @Override
      public E fromJson(JsonReader reader) throws IOException {
        if (reader.peek() != JsonReader.Token.STRING) {
          return delegate.fromJson(reader);
        }
        String text = reader.peekJson().nextString();
        if (enumType == JobStatus.class) {
          reader.skipValue();
          return enumType.cast(JobStatuses.parse(text));
        }
        E value = delegate.fromJson(reader);
        if (value == unknown && LOGGED.add(enumType.getSimpleName() + ':' + text)) {
          LOG.info("Unknown {} value '{}' from the server; treating it as {}", enumType.getSimpleName(), text, UNKNOWN);
        }
        return value;
      }

      @Override
      public void toJson(JsonWriter writer, E value) throws IOException {
        if (value == unknown) {
          throw new IllegalArgumentException(enumType.getSimpleName() + " " + UNKNOWN + " is a decoding placeholder and is never sent");
        }
        delegate.toJson(writer, value);
      }
    }.nullSafe();
  }
}
