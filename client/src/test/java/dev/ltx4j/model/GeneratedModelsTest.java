package dev.ltx4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ltx4j.internal.json.Json;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedModelsTest {
  private static final String REFERENCE_JOB_RESPONSE =
      "{ \"job\": { \"jobId\": \"job_abc123\", \"status\": \"success\", \"metadata\": { \"assetIds\": [ \"asset_abc123\" ] } } }";
  private static final String REFERENCE_REQUEST =
      "{ \"prompt\": \"A fantasy landscape\", \"resolution\": \"1080p\", \"duration\": 6,\n"
          + "  \"aspectRatio\": \"16:9\", \"fps\": 25, \"cameraMotion\": \"none\", \"generateAudio\": true }";

  private final JsonAdapter<JobResponse> jobResponses = Json.moshi().adapter(JobResponse.class);

  @Test
  void decodesTheReferencePagesJobResponse() throws IOException {
    Job job = jobResponses.fromJson(REFERENCE_JOB_RESPONSE).job();

    assertThat(job.jobId()).isEqualTo("job_abc123");
    assertThat(job.status()).isEqualTo("success");
    assertThat(job.metadata().assetIds()).containsExactly("asset_abc123");
  }

  @Test
  void encodesTheReferencePagesRequestToTheSameJson() throws IOException {
    LtxGenerateRequest request = LtxGenerateRequest.builder()
        .prompt("A fantasy landscape")
        .resolution(VideoResolution.RES_1080P)
        .duration(6)
        .aspectRatio(AspectRatio.LANDSCAPE_16_9)
        .fps(25)
        .cameraMotion(CameraMotion.NONE)
        .generateAudio(true)
        .build();

    String json = Json.moshi().adapter(LtxGenerateRequest.class).toJson(request);

    assertThat(asMap(json)).isEqualTo(asMap(REFERENCE_REQUEST));
  }

  @Test
  void leavesUnsetOptionalFieldsOutOfTheJson() {
    String json = Json.moshi().adapter(LtxGenerateRequest.class)
        .toJson(LtxGenerateRequest.builder().prompt("p").build());

    assertThat(json).isEqualTo("{\"prompt\":\"p\"}");
  }

  @Test
  void decodesAnUnknownStatusAndAnUnknownFieldWithoutError() throws IOException {
    Job job = jobResponses.fromJson(
        "{\"job\": {\"jobId\": \"job_1\", \"status\": \"teleporting\", \"newField\": {\"x\": [1]}, \"progress\": 0.5}}").job();

    assertThat(job.status()).as("kept as sent").isEqualTo("teleporting");
    assertThat(job.progress()).isEqualTo(0.5);
  }

  @Test
  void decodesTheFullJobShapeWithTimestampsAndHistory() throws IOException {
    Job job = jobResponses.fromJson("""
        {"job": {"jobId": "job_abc123", "jobType": "custom", "status": "in-progress", "progress": 0.42,
          "createdAt": "2026-07-29T10:00:00.000Z", "updatedAt": "not a date",
          "statusHistory": [{"status": "queued", "date": "2026-07-29T10:00:00.000Z"},
            {"status": "processing", "date": "2026-07-29T10:00:05Z"}],
          "metadata": {"input": {"prompt": "A fantasy landscape"}},
          "billing": {"cuCost": 2, "cuDiscount": 0, "disableRefund": false},
          "ownerId": "team_xyz", "authorId": "user_xyz"}}""").job();

    assertThat(job.createdAt()).hasToString("2026-07-29T10:00Z");
    assertThat(job.updatedAt()).isNull();
    assertThat(job.statusHistory()).extracting(JobStatusChange::status).as("kept as sent")
        .containsExactly("queued", "processing");
    assertThat(job.statusHistory().get(1).date()).hasToString("2026-07-29T10:00:05Z");
    assertThat(job.metadata().input()).containsEntry("prompt", "A fantasy landscape");
    assertThat(job.billing().cuCost()).isEqualTo(2.0);
  }

  @Test
  void neverSendsTheUnknownPlaceholderBack() {
    LtxGenerateRequest request = LtxGenerateRequest.builder()
        .prompt("p").cameraMotion(CameraMotion.UNKNOWN).build();

    assertThatThrownBy(() -> Json.moshi().adapter(LtxGenerateRequest.class).toJson(request))
        .hasMessageContaining("UNKNOWN");
  }

  @Test
  void generatedValuesAreImmutable() {
    JobMetadata metadata = JobMetadata.builder().assetIds(new java.util.ArrayList<>(java.util.List.of("asset_1"))).build();

    assertThatThrownBy(() -> metadata.assetIds().add("asset_2")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(metadata.toBuilder().hint("h").build()).isEqualTo(new JobMetadata(java.util.List.of("asset_1"), null, null, "h", null, null));
  }

  @Test
  void builderNamesAMissingRequiredField() {
    assertThatThrownBy(() -> LtxGenerateRequest.builder().build()).hasMessage("prompt == null");
  }

  private static Map<String, Object> asMap(String json) throws IOException {
    JsonAdapter<Map<String, Object>> adapter =
        Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    return adapter.fromJson(json);
  }
}
