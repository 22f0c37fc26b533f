package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** An answer is checked against its question: one about another job or asset is never taken for the one asked. */
class AnswerCheckTest {
  private static final String OTHER_JOB_DONE = "{\"job\": {\"jobId\": \"job_other\", \"status\": \"success\","
      + " \"metadata\": {\"assetIds\": [\"asset_other\"]}}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void aJobReadAnsweredAboutAnotherJobIsATypedError() {
    server.enqueue(json(OTHER_JOB_DONE));

    MisroutedAnswerException wrong =
        catchThrowableOfType(MisroutedAnswerException.class, () -> client().getJob("job_want"));

    assertThat(wrong.askedFor()).isEqualTo("job_want");
    assertThat(wrong.answeredFor()).contains("job_other");
  }

  @Test
  void aWaitNeverReturnsAnotherJobsSuccess() {
    server.enqueue(json(OTHER_JOB_DONE));
    server.enqueue(json(OTHER_JOB_DONE));

    JobUnreadableException unreadable =
        catchThrowableOfType(JobUnreadableException.class, () -> client().await("job_want"));

    assertThat(unreadable.jobId()).isEqualTo("job_want");
    assertThat(unreadable).hasCauseInstanceOf(MisroutedAnswerException.class);
  }

  @Test
  void aWaitReadsItsJobAgainAfterOneMisroutedAnswer() {
    server.enqueue(json(OTHER_JOB_DONE));
    server.enqueue(json("{\"job\": {\"jobId\": \"job_want\", \"status\": \"success\","
        + " \"metadata\": {\"assetIds\": [\"asset_want\"]}}}"));

    assertThat(client().await("job_want").assetIds()).containsExactly("asset_want");
  }

  @Test
  void aJobAnswerWithoutAnIdIsNotTakenForTheJobAsked() {
    server.enqueue(json("{\"job\": {\"status\": \"success\", \"metadata\": {\"assetIds\": [\"asset_x\"]}}}"));

    catchThrowableOfType(MisroutedAnswerException.class, () -> client().getJob("job_want"));
  }

  @Test
  void anAssetReadAnsweredAboutAnotherAssetIsATypedError() {
    server.enqueue(json("{\"asset\": {\"id\": \"asset_other\", \"url\": \"https://cdn.example/o.mp4\"}}"));

    MisroutedAnswerException wrong =
        catchThrowableOfType(MisroutedAnswerException.class, () -> client().assets().get("asset_want"));

    assertThat(wrong).hasMessageContaining("asset_other").hasMessageContaining("asset_want");
  }

  @Test
  void aCancelAnsweredAboutAnotherJobIsATypedError() {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_other\", \"status\": \"canceled\"}}"));

    catchThrowableOfType(MisroutedAnswerException.class, () -> client().cancel("job_want"));
  }

  private LtxClient client() {
    return TestClients.client(server, time);
  }
}
