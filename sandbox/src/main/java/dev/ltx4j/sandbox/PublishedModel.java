package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.PublishedInputs;
import dev.ltx4j.sandbox.internal.Responses;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;

/**
 * {@code GET /v1/models/{modelId}}: the simulated model as the service describes it, its {@code inputs} made from the
 * bundled spec (or a drifted edit of them, {@link Sandbox.Builder#publishedInputs}).
 */
final class PublishedModel {
  private PublishedModel() {}

  static MockResponse answer(String modelId, UnaryOperator<List<Map<String, Object>>> edit) {
    if (!Model.ID.equals(modelId)) {
      return Responses.reason(404, "Model " + modelId + " not found");
    }
    Map<String, Object> model = Json.object("id", modelId, "name", "LTX 2.3 Fast", "type", "custom",
        "capabilities", List.of("txt2video", "img2video"), "status", "trained",
        "inputs", edit.apply(PublishedInputs.fromSpec()));
    return Responses.json(200, Map.of("model", model));
  }
}
