package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class PublishedModelTest {
  @Test
  void theModelsInputsAreTheSpecsRequestPropertiesWithTheirLimitsAndDefaults() throws IOException {
    try (Sandbox sandbox = Sandbox.builder().start()) {
      List<Map<String, Object>> inputs = inputs(sandbox, "model_ltx-2-3-fast");

      assertThat(inputs).extracting(input -> input.get("name")).containsExactly("prompt", "startImage", "endImage",
          "resolution", "duration", "aspectRatio", "fps", "cameraMotion", "generateAudio");
      assertThat(inputs.get(0)).containsEntry("type", "string").containsEntry("maxLength", 5000.0)
          .containsEntry("required", Map.of("always", true));
      assertThat(inputs.get(1)).containsEntry("type", "file").containsEntry("kind", "image");
      assertThat(inputs.get(3)).containsEntry("allowedValues", List.of("1080p", "2k", "4k"))
          .containsEntry("default", "1080p");
      assertThat(inputs.get(4)).containsEntry("type", "number")
          .containsEntry("allowedValues", List.of(6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0))
          .containsEntry("default", 6.0);
      assertThat(inputs.get(8)).containsEntry("type", "boolean").containsEntry("default", true);
    }
  }

  @Test
  void aDriftedModelIsServedAsEditedAndAnotherModelIs404() throws IOException {
    try (Sandbox sandbox = Sandbox.builder().publishedInputs(inputs -> {
      inputs.removeIf(input -> input.get("name").equals("cameraMotion"));
      inputs.add(new java.util.LinkedHashMap<>(Map.of("name", "seed", "type", "number", "min", 0, "max", 99)));
      return inputs;
    }).start()) {
      assertThat(inputs(sandbox, "model_ltx-2-3-fast")).extracting(input -> input.get("name"))
          .contains("seed").doesNotContain("cameraMotion");
      try (Response response = get(sandbox, "model_flux")) {
        assertThat(response.code()).as(response.body().string()).isEqualTo(404);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> inputs(Sandbox sandbox, String modelId) throws IOException {
    try (Response response = get(sandbox, modelId)) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(200);
      Map<String, Object> answer = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
          .fromJson(body);
      Map<String, Object> model = (Map<String, Object>) answer.get("model");
      assertThat(model).containsEntry("id", modelId);
      return (List<Map<String, Object>>) model.get("inputs");
    }
  }

  private static Response get(Sandbox sandbox, String modelId) throws IOException {
    return new OkHttpClient().newCall(new Request.Builder().url(sandbox.baseUrl() + "/models/" + modelId)
        .header("Authorization", Credentials.basic(sandbox.apiKey(), sandbox.apiSecret())).build()).execute();
  }
}
