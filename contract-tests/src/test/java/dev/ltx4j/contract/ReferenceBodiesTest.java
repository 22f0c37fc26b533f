package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The reference page's documented bodies agree with the spec, and the pacts use them word for word. */
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
}
