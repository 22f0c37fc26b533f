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

/**
 * The bundled spec, read strictly as the contract tests read it: an object schema that does not say whether it
 * allows other properties allows only those it names. The sandbox writes its answers itself, so a field it
 * misspells is caught by the spec rather than passed over.
 */
final class StrictSpec {
  private StrictSpec() {}

  /** The strict spec as text, for a validator to resolve its references itself. */
  static String text() {
    OpenAPI api = new OpenAPIV3Parser().readContents(bundled(), null, null).getOpenAPI();
    if (api == null) {
      throw new IllegalStateException("the bundled OpenAPI spec scenario-ltx.yaml does not parse");
    }
    api.getComponents().getSchemas().values().forEach(StrictSpec::close);
    return io.swagger.v3.core.util.Json.pretty(api);
  }

  /** The generation request's properties (the schema marked {@code x-ltx4j-request}), in the spec's order. */
  static List<String> requestProperties() {
    return RequestProperties.NAMES;
  }

  /** The defaults the spec states for the generation request's properties, by name. */
  static Map<String, Object> requestDefaults() {
    return RequestProperties.DEFAULTS;
  }

  /** Read once, on first use. */
  private static final class RequestProperties {
    @SuppressWarnings("rawtypes")
    static final Map<String, Schema> SCHEMAS = read();
    static final List<String> NAMES = List.copyOf(SCHEMAS.keySet());
    static final Map<String, Object> DEFAULTS = defaults();

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Schema> read() {
      OpenAPI api = new OpenAPIV3Parser().readContents(bundled(), null, null).getOpenAPI();
      for (Schema schema : api.getComponents().getSchemas().values()) {
        if (schema.getExtensions() != null && Boolean.TRUE.equals(schema.getExtensions().get("x-ltx4j-request"))) {
          return Collections.unmodifiableMap(new LinkedHashMap<>(schema.getProperties()));
        }
      }
      throw new IllegalStateException("the bundled spec marks no schema x-ltx4j-request");
    }

    private static Map<String, Object> defaults() {
      Map<String, Object> defaults = new LinkedHashMap<>();
      SCHEMAS.forEach((name, schema) -> {
        if (schema.getDefault() != null) {
          defaults.put(name, schema.getDefault());
        }
      });
      return Collections.unmodifiableMap(defaults);
    }
  }

  @SuppressWarnings("rawtypes")
  private static void close(Schema schema) {
    if (schema == null || schema.get$ref() != null) {
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
