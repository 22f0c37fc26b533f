package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference page's documented bodies agree with the spec, and the pacts use them, and the spec's own examples
 * where the reference page gives none, word for word.
 */
class ReferenceBodiesTest {
  /** The reference page's request body (its cURL example). */
  private static final String REQUEST = """
      { "prompt": "A fantasy landscape", "resolution": "1080p", "duration": 6,
        "aspectRatio": "16:9", "fps": 25, "cameraMotion": "none", "generateAudio": true }""";
  /** The reference page's example response of {@code GET /v1/jobs/{jobId}}. */
  private static final String RESPONSE = """
      { "job": { "jobId": "job_abc123", "status": "success", "metadata": { "assetIds": [ "asset_abc123" ] } } }""";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SpecCheck spec = SpecCheck.ofProjectSpec();

  @Test
  void theReferenceRequestAgreesWithTheSpec() {
    Request request = SimpleRequest.Builder.post(Contract.GENERATE)
        .withAuthorization("Basic Y29udHJhY3Qta2V5OmNvbnRyYWN0LXNlY3JldA==")
        .withContentType("application/json")
        .withBody(REQUEST)
        .build();

    assertThat(spec.checkRequest("reference request", request)).isEmpty();
  }

  @Test
  void theReferenceJobResponseAgreesWithTheSpec() {
    SimpleResponse response = SimpleResponse.Builder.ok().withContentType("application/json").withBody(RESPONSE).build();

    assertThat(spec.checkResponse("reference response", Request.Method.GET, Contract.JOB, response)).isEmpty();
  }

  @Test
  void theSpecCheckRefusesAReferenceRequestWithAMisspelledField() {
    Request request = SimpleRequest.Builder.post(Contract.GENERATE)
        .withAuthorization("Basic Y29udHJhY3Qta2V5OmNvbnRyYWN0LXNlY3JldA==")
        .withContentType("application/json")
        .withBody(REQUEST.replace("aspectRatio", "aspect_ratio"))
        .build();

    assertThat(spec.checkRequest("misspelled request", request))
        .anySatisfy(finding -> assertThat(finding.message()).contains("aspect_ratio"));
  }

  @Test
  void thePactsSendTheReferenceRequestAndExpectTheReferenceResponseLiterally() throws IOException {
    assertThat(JSON.readTree(GenerateContractTest.REFERENCE_BODY.getBody().toString()))
        .isEqualTo(JSON.readTree(REQUEST));
    assertThat(JSON.readTree(JobStatusContractTest.REFERENCE_SUCCESS.getBody().toString()))
        .isEqualTo(JSON.readTree(RESPONSE));
  }

  @Test
  void theBulkReadPactsSendAndExpectTheSpecsExamplesLiterally() throws IOException {
    Operation bulk = SpecCheck.read(SpecCheck.specPath()).getPaths().get("/assets/get-bulk").getPost();
    Map<String, Example> requests = bulk.getRequestBody().getContent().get("application/json").getExamples();
    Map<String, Example> answers = bulk.getResponses().get("200").getContent().get("application/json").getExamples();

    assertThat(JSON.readTree(BulkAssetContractTest.TWO_IDS.getBody().toString()))
        .isEqualTo(tree(requests.get("twoVideos")));
    assertThat(JSON.readTree(BulkAssetContractTest.TWO_VIDEOS.getBody().toString()))
        .isEqualTo(tree(answers.get("twoVideos")));
    assertThat(JSON.readTree(BulkAssetContractTest.UNKNOWN_ID_LEFT_OUT.getBody().toString()))
        .isEqualTo(tree(answers.get("unknownIdLeftOut")));
  }

  /** An example's value as JSON, its numbers read as from text (as the pact's are). */
  private static JsonNode tree(Example example) throws IOException {
    return JSON.readTree(Json.mapper().writeValueAsString(example.getValue()));
  }
}
