package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.SpecValidator;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The sandbox's answers are held to the spec, read strictly: it writes them itself, not with the client's models. */
class SpecAnswersTest {
  private static final String JOB = "/v1/jobs/job_abc123";

  @Test
  void anAnswerWithAFieldTheSpecDoesNotNameBecomesA500NamingIt() throws IOException {
    MockResponse answer = Responses.json(200, Json.object("job", Json.object("jobID", "job_abc123")));

    MockResponse checked = SpecAnswers.checked(SpecValidator.shared(), "GET", JOB, answer);

    assertThat(checked.getCode()).isEqualTo(500);
    assertThat(body(checked)).contains("breaks the spec", "jobID");
  }

  @Test
  void aStatusTheOperationDoesNotDeclareBecomesA500() {
    MockResponse answer = Responses.reason(413, "Request body too large");

    assertThat(SpecAnswers.checked(SpecValidator.shared(), "GET", JOB, answer).getCode()).isEqualTo(500);
  }

  @Test
  void answersInTheVariantFormsConformAndAreSentAsTheyAre() {
    MockResponse job = Responses.json(200, Json.object("job", Json.object("id", "job_abc123", "status", "failed",
        "progress", 42.0, "createdAt", "2026-07-29T10:00:00Z",
        "statusHistory", List.of(Json.object("status", "cancelled", "date", "2026-07-29T10:00:00Z")),
        "metadata", Json.object("assetId", "asset_abc123"))));
    MockResponse quote = Responses.json(269, Json.object("creativeUnitsCost", 2.0));
    MockResponse page = Responses.json(200, Json.object("jobs", List.of(), "nextPaginationToken", ""));

    assertThat(SpecAnswers.checked(SpecValidator.shared(), "GET", JOB, job)).isSameAs(job);
    assertThat(SpecAnswers.checked(SpecValidator.shared(), "POST", "/v1/generate/custom/model_ltx-2-3-fast", quote))
        .isSameAs(quote);
    assertThat(SpecAnswers.checked(SpecValidator.shared(), "GET", "/v1/jobs", page)).isSameAs(page);
  }

  private static String body(MockResponse response) throws IOException {
    Buffer buffer = new Buffer();
    response.getBody().writeTo(buffer);
    return buffer.readUtf8();
  }
}
