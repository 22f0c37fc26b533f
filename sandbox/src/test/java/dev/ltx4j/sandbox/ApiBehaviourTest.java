package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API listener over raw HTTP: auth, spec validation, unknown fields, the >10 s rule, quotes and the cancel
 * refusal.
 */
@ExtendWith(SandboxExtension.class)
class ApiBehaviourTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient http = new OkHttpClient();

  @Test
  void refusesWrongCredentialsWith401(Sandbox sandbox) throws IOException {
    Request request = new Request.Builder().url(sandbox.baseUrl() + "/jobs")
        .header("Authorization", okhttp3.Credentials.basic("sandbox-key", "wrong")).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }
  }

  @Test
  void refusesAMissingPromptNamingTheField(Sandbox sandbox) throws IOException {
    try (Response response = post(sandbox, "/generate/custom/model_ltx-2-3-fast", "{\"duration\": 6}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"reason\":\"Input prompt is required\"");
    }
  }

  @Test
  void refusesAValueOutsideTheSpecNamingTheField(Sandbox sandbox) throws IOException {
    try (Response response = post(sandbox, "/generate/custom/model_ltx-2-3-fast", "{\"prompt\":\"x\",\"fps\":30}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("fps");
    }
  }

  @Test
  void refusesLongVideosOutside1080pAt24Or25Fps(Sandbox sandbox) throws IOException {
    String body = "{\"prompt\":\"x\",\"duration\":12,\"resolution\":\"4k\"}";
    try (Response response = post(sandbox, "/generate/custom/model_ltx-2-3-fast", body)) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("longer than 10 seconds");
    }
  }

  @Test
  void quotesADryRunWith269AndItsCostWithoutCreatingAJob(Sandbox sandbox) throws IOException {
    try (Response response = post(sandbox, "/generate/custom/model_ltx-2-3-fast?dryRun=true", "{\"prompt\":\"x\"}")) {
      assertThat(response.code()).isEqualTo(269);
      assertThat(response.body().string()).startsWith("{\"creativeUnitsCost\":2.0,\"creativeUnitsDiscount\":0.0,"
          + "\"costDetails\":{").doesNotContain("job");
    }
    assertThat(sandbox.counters().submissions()).isZero();
  }

  @Test
  void ignoresBodyFieldsTheModelDoesNotKnowAsTheServiceDoes(Sandbox sandbox) throws IOException {
    String body = "{\"prompt\":\"x\",\"colour\":7,\"dryRun\":true}";
    try (Response response = post(sandbox, "/generate/custom/model_ltx-2-3-fast", body)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("\"input\":{\"prompt\":\"x\",\"modelId\":\"model_ltx-2-3-fast\"}");
    }
    assertThat(sandbox.counters().submissions()).as("a dryRun in the body is ignored: a paid job runs").isEqualTo(1);
  }

  @Test
  void refusesToCancelAGenerationJob(Sandbox sandbox) throws IOException {
    String jobId;
    try (Response response = post(sandbox, "/generate/custom/model_ltx-2-3-fast", "{\"prompt\":\"x\"}")) {
      String body = response.body().string();
      jobId = body.replaceAll(".*\"jobId\":\"(job_[^\"]+)\".*", "$1");
    }
    try (Response response = post(sandbox, "/jobs/" + jobId + "/action", "{\"action\":\"cancel\"}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("Cannot cancel this type of job. Action not permitted.");
    }
  }

  @Test
  void answersUnknownJobsWith404(Sandbox sandbox) throws IOException {
    Request request = authorized(sandbox, "/jobs/job_missing").build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  private Response post(Sandbox sandbox, String path, String json) throws IOException {
    return http.newCall(authorized(sandbox, path).post(RequestBody.create(json, JSON)).build()).execute();
  }

  static Request.Builder authorized(Sandbox sandbox, String path) {
    return new Request.Builder().url(sandbox.baseUrl() + path)
        .header("Authorization", okhttp3.Credentials.basic(sandbox.apiKey(), sandbox.apiSecret()));
  }
}
