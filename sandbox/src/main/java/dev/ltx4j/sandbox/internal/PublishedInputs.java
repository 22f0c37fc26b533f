package dev.ltx4j.sandbox.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The generation's inputs as the service publishes a model's ({@code model.inputs}), made from the bundled spec's
 * request schema: type {@code file} for an uploaded image, {@code number}, {@code boolean} or {@code string};
 * {@code allowedValues} for an enum or a short stepped range, else {@code min}/{@code max}/{@code step};
 * {@code default}, {@code maxLength}, and {@code required: {always: true}}.
 */
public final class PublishedInputs {
  private static final int MOST_LISTED = 50;

  private PublishedInputs() {}

  /** A fresh, mutable list each time. */
  public static List<Map<String, Object>> fromSpec() {
    List<Map<String, Object>> inputs = new ArrayList<>();
    StrictSpec.requestSchemas().forEach((name, schema) -> inputs.add(input(name, schema)));
    return inputs;
  }

  private static Map<String, Object> input(String name, StrictSpec.PropertySchema schema) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("name", name);
    input.put("type", schema.upload() ? "file" : switch (schema.type()) {
      case "integer", "number" -> "number";
      case "boolean" -> "boolean";
      default -> "string";
    });
    if (schema.upload()) {
      input.put("kind", "image");
    }
    if (schema.description() != null) {
      input.put("description", schema.description());
    }
    if (!schema.enumValues().isEmpty()) {
      input.put("allowedValues", new ArrayList<>(schema.enumValues()));
    } else if (schema.minimum() != null && schema.maximum() != null && schema.multipleOf() != null
        && (schema.maximum() - schema.minimum()) / schema.multipleOf() < MOST_LISTED) {
      List<Object> values = new ArrayList<>();
      for (long value = schema.minimum(); value <= schema.maximum(); value++) {
        if (value % schema.multipleOf() == 0) {
          values.add(value);
        }
      }
      input.put("allowedValues", values);
    } else {
      putIfSet(input, "min", schema.minimum());
      putIfSet(input, "max", schema.maximum());
      putIfSet(input, "step", schema.multipleOf());
    }
    putIfSet(input, "default", schema.defaultValue());
    putIfSet(input, "maxLength", schema.maxLength());
    if (schema.required()) {
      input.put("required", new LinkedHashMap<>(Map.of("always", true)));
    }
    return input;
  }

  private static void putIfSet(Map<String, Object> input, String name, @Nullable Object value) {
    if (value != null) {
      input.put(name, value);
    }
  }
}
