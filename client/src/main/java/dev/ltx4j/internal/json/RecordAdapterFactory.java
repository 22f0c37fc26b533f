package dev.ltx4j.internal.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the generated models (records without type parameters, components of boxed types) as Moshi's own
 * record adapter does, each component through the adapter Moshi has for its type, but builds each record through a
 * method handle prepared once: Moshi's adapter calls {@code invokeWithArguments}, which prepares a new invoker on
 * every call and was the largest single cost of reading a job.
 */
final class RecordAdapterFactory implements JsonAdapter.Factory {
  private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);
  private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

  private final String modelPackage;

  /** For the records of {@code modelPackage} only. */
  RecordAdapterFactory(String modelPackage) {
    this.modelPackage = modelPackage;
  }

  @Override
  public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> raw) || !raw.isRecord()
        || !raw.getPackageName().equals(modelPackage) || raw.getTypeParameters().length > 0) {
      return null;
    }
    RecordComponent[] components = raw.getRecordComponents();
    String[] names = new String[components.length];
    JsonAdapter<?>[] adapters = new JsonAdapter<?>[components.length];
    MethodHandle[] accessors = new MethodHandle[components.length];
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent component = components[i];
        if (Arrays.stream(component.getAnnotations())
            .anyMatch(a -> a.annotationType().isAnnotationPresent(JsonQualifier.class))) {
          return null; // a qualified component: Moshi's own adapter reads it
        }
        com.squareup.moshi.Json json = component.getAnnotation(com.squareup.moshi.Json.class);
        names[i] = json == null ? component.getName() : json.name();
        adapters[i] = moshi.adapter(component.getGenericType());
        accessors[i] = lookup.unreflect(component.getAccessor()).asType(ACCESSOR);
      }
      Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      MethodHandle constructor = lookup.unreflectConstructor(raw.getDeclaredConstructor(types))
          .asSpreader(Object[].class, components.length)
          .asType(CONSTRUCTOR);
      return new Adapter(raw, names, adapters, accessors, constructor).nullSafe();
    } catch (ReflectiveOperationException e) {
      return null; // not public: Moshi's own adapter reads it
    }
  }

  private static final class Adapter extends JsonAdapter<Object> {
    private final Class<?> type;
    private final String[] names;
    private final JsonReader.Options options;
    private final JsonAdapter<?>[] adapters;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    Adapter(Class<?> type, String[] names, JsonAdapter<?>[] adapters, MethodHandle[] accessors,
        MethodHandle constructor) {
      this.type = type;
      this.names = names;
      this.options = JsonReader.Options.of(names);
      this.adapters = adapters;
      this.accessors = accessors;
      this.constructor = constructor;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      Object[] values = new Object[adapters.length];
      reader.beginObject();
      while (reader.hasNext()) {
        int index = reader.selectName(options);
        if (index == -1) {
          reader.skipName();
          reader.skipValue();
        } else {
          values[index] = adapters[index].fromJson(reader);
        }
      }
      reader.endObject();
      try {
        return (Object) constructor.invokeExact(values);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new JsonDataException("could not make " + type.getSimpleName() + " at " + reader.getPath(), e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void toJson(JsonWriter writer, Object value) throws IOException {
      writer.beginObject();
      for (int i = 0; i < adapters.length; i++) {
        Object component;
        try {
          component = (Object) accessors[i].invokeExact(value);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable e) {
          throw new AssertionError(e);
        }
        writer.name(names[i]);
        ((JsonAdapter<Object>) adapters[i]).toJson(writer, component);
      }
      writer.endObject();
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + type.getName() + ")";
    }
  }
}
