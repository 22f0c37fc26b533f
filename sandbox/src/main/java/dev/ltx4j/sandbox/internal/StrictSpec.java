package dev.ltx4j.sandbox.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bundled spec, read strictly as the contract tests read it: an object schema that does not say whether it
 * allows other properties allows only those it names. The sandbox writes its answers itself, so a field it
 * misspells is caught by the spec rather than passed over.
 */
final class StrictSpec {
  private StrictSpec() {}

  /**
   * The strict spec with its shared responses in place, for a validator to take as it is (it resolves schema
   * references itself, not response ones): read back from text, a schema that takes any value
   * ({@code default: {}}) would become an object. Parsed once, on first use; not to be changed.
   */
  static OpenAPI resolved() {
    return Strict.API;
  }

  /** Parsing the spec costs a few hundred milliseconds: once per JVM, for the validator and the request's schema. */
  private static final class Strict {
    static final OpenAPI API = build();

    private static OpenAPI build() {
      OpenAPI api = parsed();
      if (api == null) {
        throw new IllegalStateException("the bundled OpenAPI spec scenario-ltx.yaml does not parse");
      }
      api.getComponents().getSchemas().values().forEach(StrictSpec::close);
      var shared = api.getComponents().getResponses();
      api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
          operation.getResponses().replaceAll((status, response) -> response.get$ref() == null ? response
              : shared.get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1)))));
      return api;
    }
  }

  /** The generation request's properties (the schema marked {@code x-ltx4j-request}), in the spec's order. */
  static List<String> requestProperties() {
    return RequestProperties.NAMES;
  }

  /** The defaults the spec states for the generation request's properties, by name. */
  static Map<String, Object> requestDefaults() {
    return RequestProperties.DEFAULTS;
  }

  /** Each property of the generation request, its references resolved, in the spec's order. */
  static Map<String, PropertySchema> requestSchemas() {
    return RequestProperties.SCHEMAS;
  }

  /** A request property as the spec states it, a referenced enum's values and default folded in. */
  record PropertySchema(String type, @Nullable String description, List<Object> enumValues, @Nullable Long minimum,
      @Nullable Long maximum, @Nullable Long multipleOf, @Nullable Object defaultValue, @Nullable Integer maxLength,
      boolean required, boolean upload) {}

  /** Read once, on first use. */
  private static final class RequestProperties {
    static final Map<String, PropertySchema> SCHEMAS = read();
    static final List<String> NAMES = List.copyOf(SCHEMAS.keySet());
    static final Map<String, Object> DEFAULTS = defaults();

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, PropertySchema> read() {
      Map<String, Schema> components = Strict.API.getComponents().getSchemas();
      for (Schema schema : components.values()) {
        if (schema.getExtensions() != null && Boolean.TRUE.equals(schema.getExtensions().get("x-ltx4j-request"))) {
          Map<String, PropertySchema> properties = new LinkedHashMap<>();
          List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
          ((Map<String, Schema>) schema.getProperties()).forEach((name, property) ->
              properties.put(name, property(property, components, required.contains(name))));
          return Collections.unmodifiableMap(properties);
        }
      }
      throw new IllegalStateException("the bundled spec marks no schema x-ltx4j-request");
    }

    @SuppressWarnings("rawtypes")
    private static PropertySchema property(Schema property, Map<String, Schema> components, boolean required) {
      Schema referenced = property;
      String ref = property.get$ref();
      if (ref == null && property.getAllOf() != null && property.getAllOf().size() == 1) {
        ref = ((Schema) property.getAllOf().get(0)).get$ref();
      }
      if (ref != null) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        referenced = components.get(name);
        if (referenced == null) {
          throw new IllegalStateException("the bundled spec refers to a schema it does not define: " + name);
        }
      }
      Object fallback = property.getDefault() != null ? property.getDefault() : referenced.getDefault();
      List<Object> values = referenced.getEnum() == null ? List.of() : List.copyOf(referenced.getEnum());
      String type = referenced.getType() != null ? referenced.getType() : "string";
      String description = property.getDescription() != null ? property.getDescription() : referenced.getDescription();
      boolean upload = property.getExtensions() != null
          && Boolean.TRUE.equals(property.getExtensions().get("x-ltx4j-upload"));
      return new PropertySchema(type, description, values, whole(property.getMinimum()), whole(property.getMaximum()),
          whole(property.getMultipleOf()), fallback, property.getMaxLength(), required, upload);
    }

    private static @Nullable Long whole(java.math.@Nullable BigDecimal number) {
      return number == null ? null : number.longValue();
    }

    private static Map<String, Object> defaults() {
      Map<String, Object> defaults = new LinkedHashMap<>();
      SCHEMAS.forEach((name, schema) -> {
        if (schema.defaultValue() != null) {
          defaults.put(name, schema.defaultValue());
        }
      });
      return Collections.unmodifiableMap(defaults);
    }
  }

  private static OpenAPI parsed() {
    return new OpenAPIV3Parser().readContents(bundled(), null, null).getOpenAPI();
  }

  @SuppressWarnings("rawtypes")
  private static void close(Schema schema) {
    if (schema == null || schema.get$ref() != null) {
      return;
    }
    if ((schema.getType() == null || "object".equals(schema.getType())) && schema.getProperties() == null
        && schema.getAdditionalProperties() == null
        && schema.getAnyOf() == null && schema.getAllOf() == null && schema.getOneOf() == null) {
      // {} takes any value (a model input's default), but a parser reading this text back would make it an object
      schema.setType(null);
      schema.setAnyOf(List.of(new io.swagger.v3.oas.models.media.StringSchema(),
          new io.swagger.v3.oas.models.media.NumberSchema(), new io.swagger.v3.oas.models.media.BooleanSchema(),
          new io.swagger.v3.oas.models.media.ObjectSchema()));
      return;
    }
    if (schema.getProperties() != null) {
      if (schema.getAdditionalProperties() == null) {
        schema.setAdditionalProperties(false);
      }
      for (Object property : schema.getProperties().values()) {
        close((Schema) property);
      }
    }
    close(schema.getItems());
    if (schema.getAdditionalProperties() instanceof Schema values) {
      close(values);
    }
  }

  private static String bundled() {
    try (InputStream in = StrictSpec.class.getResourceAsStream("scenario-ltx.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the bundled OpenAPI spec scenario-ltx.yaml is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
