package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxRequest;
import dev.ltx4j.RequestParameter;
import dev.ltx4j.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Walks the request schema of the spec itself (openapi/scenario-ltx.yaml) and proves that every property reaches
 * every surface: the typed request, the CLI's options and the body they send, a batch line, the sandbox (accepted,
 * echoed, and refused when mistyped) and the README. A property added to the spec is covered with nothing written
 * here; one the build did not carry fails by name.
 */
class SpecCoverageTest {
  private static Map<String, Map<String, Object>> properties;
  /** A valid, non-default value for each property, all of them one valid request together. */
  private static Map<String, Object> samples;

  @StartStop private final MockWebServer api = new MockWebServer();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readTheSpec() throws IOException {
    Map<String, Object> spec = new Yaml().load(Files.readString(Path.of("..", "openapi", "scenario-ltx.yaml")));
    Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>)
        ((Map<String, Object>) spec.get("components")).get("schemas");
    Map<String, Object> request = schemas.values().stream()
        .filter(schema -> Boolean.TRUE.equals(schema.get("x-ltx4j-request"))).findFirst().orElseThrow();
    properties = (Map<String, Map<String, Object>>) request.get("properties");
    samples = new LinkedHashMap<>();
    int asset = 0;
    for (Map.Entry<String, Map<String, Object>> property : properties.entrySet()) {
      samples.put(property.getKey(), sample(property.getValue(), schemas, ++asset));
    }
  }

  @AfterEach
  void forget() {
    ApiProperties.clear();
  }

  @Test
  void theSpecHasARequestSchemaWithProperties() {
    assertThat(properties).containsKeys("prompt").hasSizeGreaterThan(1);
  }

  @Test
  void everyPropertyIsAParameterOfTheTypedRequestAndIsSetByItsApiName() {
    LtxRequest.Builder builder = LtxRequest.builder();
    samples.forEach(builder::set);

    LtxRequest request = builder.build();

    assertThat(LtxRequest.parameters()).extracting(RequestParameter::name)
        .containsExactlyElementsOf(properties.keySet());
    assertThat(normalised(request.values())).isEqualTo(normalised(samples));
  }

  @Test
  void everyPropertyIsABatchLineField() {
    assertThat(normalised(RequestFields.toRequest(samples).values())).isEqualTo(normalised(samples));
  }

  @Test
  void everyOptionalPropertyIsAnOptionOfTheCommandLineAndReachesTheBody() throws Exception {
    ApiProperties.pointAt(api);
    api.enqueue(new MockResponse.Builder().body("{\"creativeUnitsCost\": 2, \"creativeUnitsDiscount\": 0}").build());
    List<String> args = new ArrayList<>(List.of("quote", String.valueOf(samples.get("prompt"))));
    for (RequestParameter parameter : LtxRequest.parameters()) {
      Object value = samples.get(parameter.name());
      if (parameter.required()) {
        continue;
      }
      args.add(parameter.flag());
      if (parameter.kind() != RequestParameter.Kind.BOOLEAN) {
        args.add(String.valueOf(value));
      }
    }

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<?, ?> sent = (Map<?, ?>) CliJson.parse(api.takeRequest().getBody().utf8());
    assertThat(normalised(sent)).isEqualTo(normalised(samples));
  }

  @Test
  void theSandboxAcceptsAndEchoesEveryPropertyAndRefusesEachMistyped() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().start()) {
      for (Object value : samples.values()) {
        if (value instanceof String text && text.startsWith("asset_")) {
          sandbox.seedImageAsset(text);
        }
      }
      Map<?, ?> answer;
      try (Response response = post(sandbox, samples)) {
        assertThat(response.code()).isEqualTo(200);
        answer = (Map<?, ?>) CliJson.parse(response.body().string());
      }
      Map<?, ?> input = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) answer.get("job")).get("metadata")).get("input");
      for (Map.Entry<String, Object> sample : samples.entrySet()) {
        assertThat(normalised(input.get(sample.getKey()))).as("echoed " + sample.getKey())
            .isEqualTo(normalised(sample.getValue()));
        Map<String, Object> mistyped = new LinkedHashMap<>(samples);
        mistyped.put(sample.getKey(), sample.getValue() instanceof String ? (Object) 12345 : "twelve");
        try (Response response = post(sandbox, mistyped)) {
          assertThat(response.code()).as("mistyped " + sample.getKey()).isEqualTo(400);
        }
      }
    }
  }

  @Test
  void everyPropertyIsInTheReadmesParameterTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String name : properties.keySet()) {
      assertThat(readme).as(name).contains("| `" + name + "`");
    }
  }

  private static Response post(Sandbox sandbox, Map<String, Object> body) throws IOException {
    return new OkHttpClient().newCall(new Request.Builder()
        .url(sandbox.baseUrl() + "/generate/custom/model_ltx-2-3-fast")
        .header("Authorization", Credentials.basic(sandbox.apiKey(), sandbox.apiSecret()))
        .post(RequestBody.create(CliJson.write(body), MediaType.get("application/json"))).build()).execute();
  }

  /** A valid value of a property schema, other than its default where there is a choice. */
  @SuppressWarnings("unchecked")
  private static Object sample(Map<String, Object> schema, Map<String, Map<String, Object>> schemas, int index) {
    Map<String, Object> resolved = schema;
    Object ref = schema.get("$ref");
    if (ref == null && schema.get("allOf") instanceof List<?> allOf && allOf.size() == 1) {
      ref = ((Map<String, Object>) allOf.get(0)).get("$ref");
    }
    if (ref != null) {
      resolved = new LinkedHashMap<>(schemas.get(String.valueOf(ref).replace("#/components/schemas/", "")));
      resolved.putAll(schema);
    }
    Object fallback = resolved.get("default");
    if (resolved.get("enum") instanceof List<?> values) {
      for (Object value : values) {
        if (!Objects.equals(value, fallback)) {
          return value;
        }
      }
      return values.get(0);
    }
    return switch (String.valueOf(resolved.get("type"))) {
      case "boolean" -> !Boolean.TRUE.equals(fallback);
      case "integer" -> {
        long minimum = resolved.get("minimum") instanceof Number n ? n.longValue() : 1;
        long step = resolved.get("multipleOf") instanceof Number n ? n.longValue() : 1;
        yield Objects.equals(fallback, (int) minimum) || Objects.equals(fallback, minimum) ? minimum + step : minimum;
      }
      default -> String.valueOf(resolved.getOrDefault("pattern", "")).startsWith("^asset_")
          ? "asset_sample" + index : "A cat crossing a street";
    };
  }

  /** JSON values compared as text: 8, 8.0 and "8" alike only where numbers are concerned. */
  private static Object normalised(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalised(v)));
      return copy;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return value;
  }
}
