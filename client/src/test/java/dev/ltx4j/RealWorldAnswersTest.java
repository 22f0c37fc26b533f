package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ltx4j.model.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers in the forms Scenario's documents and its own integrations show, beyond the spec's happy shape. */
class RealWorldAnswersTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @ParameterizedTest
  @CsvSource({"success, SUCCESS", "succeeded, SUCCESS", "completed, SUCCESS", "failure, FAILURE", "failed, FAILURE",
      "error, FAILURE", "canceled, CANCELED", "cancelled, CANCELED", "processing, IN_PROGRESS",
      "in-progress, IN_PROGRESS", "Queued, QUEUED"})
  void readsEveryStatusSpellingAsItsMeaningAndKeepsTheTextAsSent(String sent, JobStatus meant) {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"" + sent + "\","
        + " \"metadata\": {\"assetIds\": [\"asset_1\"]}}}"));

    JobSnapshot job = client().getJob("job_1");

    assertThat(job.status()).isEqualTo(meant);
    assertThat(job.rawStatus()).contains(sent);
  }

  @Test
  void anUnknownStatusIsStillRunningAndKeepsItsText() {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"teleporting\"}}"));

    JobSnapshot job = client().getJob("job_1");

    assertThat(job.isTerminal()).isFalse();
    assertThat(job.rawStatus()).contains("teleporting");
    assertThat(job.toString()).contains("teleporting");
  }

  @Test
  void aWaitEndsAtOnceOnTheBritishCancelled() {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"cancelled\"}}"));

    assertThatThrownBy(() -> client().await("job_1")).isInstanceOf(JobCanceledException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"metadata\": {\"assetIds\": [\"asset_a\", \"asset_b\"]}}|asset_a asset_b",
      "{\"metadata\": {\"assetId\": \"asset_a\"}}|asset_a",
      "{\"assetIds\": [\"asset_a\"], \"metadata\": {}}|asset_a",
      "{\"metadata\": {\"assetIds\": [], \"assetId\": \"asset_b\"}, \"assetIds\": [\"asset_c\"]}|asset_b"})
  void findsASuccessfulJobsAssetsWhereverTheServiceNamesThem(String fields, String expected) {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"success\", " + fields.substring(1) + "}"));

    assertThat(client().getJob("job_1").assetIds()).containsExactly(expected.split(" "));
  }

  @Test
  void aSuccessThatNamesNoAssetIsAnErrorNamingTheJobNeverAnEmptyList(@TempDir Path dir) {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"success\", \"metadata\": {}}}"));
    LtxClient client = client();
    JobSnapshot job = client.getJob("job_1");

    JobWithoutAssetsException error = catchThrowableOfType(JobWithoutAssetsException.class, job::assetIds);
    assertThat(error.jobId()).isEqualTo("job_1");
    assertThat(error).hasMessageContaining("job_1");
    assertThatThrownBy(() -> client.assets().downloadAll(job, dir, DownloadOptions.defaults()))
        .isInstanceOf(JobWithoutAssetsException.class);
  }

  @Test
  void aRunningJobHasNoAssetsYetWithoutError() {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"in-progress\"}}"));

    assertThat(client().getJob("job_1").assetIds()).isEmpty();
  }

  @Test
  void progressKeepsOneScalePerJobAndNeverGoesBackwards() {
    for (String progress : new String[] {"0.5", "30", "60", "55"}) {
      server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"in-progress\", \"progress\": " + progress + "}}"));
    }
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"success\", \"progress\": 100,"
        + " \"metadata\": {\"assetIds\": [\"asset_1\"]}}}"));
    List<Double> seen = new CopyOnWriteArrayList<>();

    client().await("job_1", WaitOptions.builder().listener(new JobListener() {
      @Override
      public void onProgress(String jobId, double fraction) {
        seen.add(fraction);
      }
    }).build());

    assertThat(seen).containsExactly(0.5, 0.6, 1.0);
  }

  @Test
  void anEmptyTokenEndsTheListing() {
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_1\"}], \"nextPaginationToken\": \"\"}"));

    assertThat(client().listJobs(JobQuery.ALL).toList()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRepeatedTokenEndsTheListing() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_" + i + "\"}], \"nextPaginationToken\": \"same\"}"));
    }

    assertThat(client().listJobs(JobQuery.ALL).toList()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anEmptyPageEndsTheListingEvenWithAToken() {
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_1\"}], \"nextPaginationToken\": \"t2\"}"));
    for (int i = 0; i < 5; i++) {
      server.enqueue(json("{\"jobs\": [], \"nextPaginationToken\": \"t" + (i + 3) + "\"}"));
    }

    assertThat(client().listJobs(JobQuery.ALL).toList()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aBase64TokenGoesBackAsItCame() throws InterruptedException {
    String token = "eyJvZmZzZXQiOjUsImxpbWl0Ijo1fQ+/==";
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_1\"}], \"nextPaginationToken\": \"" + token + "\"}"));
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_2\"}]}"));

    assertThat(client().listJobs(JobQuery.ALL).toList()).hasSize(2);

    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("paginationToken")).isEqualTo(token);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "200|{\"creativeUnitsCost\": 3, \"costDetails\": {\"unit\": null}}",
      "269|{\"creativeUnitsCost\": 3}",
      "402|{\"creativeUnitsCost\": 3, \"creativeUnitsDiscount\": null, \"job\": {}}",
      "269|{\"creativeUnitsCost\": 3, \"creativeUnitsDiscount\": 0, \"costDetails\": {\"custom-generation\": 3, \"x\": null}}"})
  void readsAQuoteInEveryFormItComesIn(int status, String body) {
    server.enqueue(json(status, body));

    Quote quote = client().quote(LtxRequest.builder().prompt("A cat").build());

    assertThat(quote.creativeUnitsCost()).isEqualTo(3.0);
    assertThat(quote.creativeUnitsDiscount()).isZero();
  }

  @Test
  void aQuoteKeepsNullsInItsCostDetails() {
    server.enqueue(json("{\"creativeUnitsCost\": 3, \"costDetails\": {\"unit\": null, \"base\": 3}}"));

    Map<String, Object> details = client().quote(LtxRequest.builder().prompt("A cat").build()).costDetails();

    assertThat(details).containsEntry("unit", null).containsEntry("base", 3.0);
  }

  @Test
  void aWaitFailsFastOnAJobThatDoesNotDecodeWithTheJobIdAndTheBodysStart() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"in-progress\", \"progress\": \"42%\"}}"));
    }

    JobUnreadableException error = catchThrowableOfType(JobUnreadableException.class,
        () -> client().await("job_1", WaitOptions.builder().deadline(Duration.ofMinutes(30)).build()));

    assertThat(error.jobId()).isEqualTo("job_1");
    assertThat(error.bodyPrefix()).hasValueSatisfying(prefix -> assertThat(prefix).contains("\"42%\""));
    assertThat(server.getRequestCount()).as("one read and one re-read").isEqualTo(2);
  }

  @Test
  void oneUnreadableAnswerAmongGoodOnesDoesNotEndTheWait() {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"in-progress\", \"progress\": \"42%\"}}"));
    server.enqueue(json("{\"job\": {\"jobId\": \"job_1\", \"status\": \"success\","
        + " \"metadata\": {\"assetIds\": [\"asset_1\"]}}}"));

    assertThat(client().await("job_1").status()).isEqualTo(JobStatus.SUCCESS);
  }

  @Test
  void runModelRefusesADryRunKeyInTheBodyBeforeSending() {
    assertThatThrownBy(() -> client().runModel("model_ltx-2-3-fast", Map.of("prompt", "A cat", "dryRun", true)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("dryRun");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void findingALostSubmissionAsksForEachJobsMetadata() throws InterruptedException {
    server.enqueue(json("{\"jobs\": []}"));

    client().findSubmittedJob(LtxRequest.builder().prompt("A cat").build(), time.instant());

    RecordedRequest list = server.takeRequest();
    assertThat(list.getUrl().queryParameter("hideResults")).isEqualTo("false");
  }

  private LtxClient client() {
    return TestClients.client(server, time);
  }

}
