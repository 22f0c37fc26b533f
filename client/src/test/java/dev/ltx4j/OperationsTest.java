package dev.ltx4j;

import static dev.ltx4j.TestClients.JOB_QUEUED;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.model.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationsTest {
  private static final String QUOTE = "{\"creativeUnitsCost\": 2, \"creativeUnitsDiscount\": 0,"
      + " \"costDetails\": {\"base\": 2}, \"job\": {}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void submitSendsTheDocumentedBodyAndReturnsJobIdStatusAndCost() throws InterruptedException {
    server.enqueue(json(JOB_QUEUED));
    LtxRequest request = LtxRequest.builder().prompt("A fantasy landscape").resolution("1080p").durationSeconds(6)
        .aspectRatio("16:9").fps(25).cameraMotion("none").generateAudio(true).build();

    Submission submission = TestClients.builder(server, time).projectId("proj_1").build().submit(request);

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/generate/custom/model_ltx-2-3-fast");
    assertThat(sent.getUrl().query()).isEqualTo("projectId=proj_1");
    assertThat(sent.getBody().utf8()).isEqualTo("{\"prompt\":\"A fantasy landscape\",\"resolution\":\"1080p\","
        + "\"duration\":6,\"aspectRatio\":\"16:9\",\"fps\":25,\"cameraMotion\":\"none\",\"generateAudio\":true}");
    assertThat(submission.jobId()).isEqualTo("job_abc123");
    assertThat(submission.job().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(submission.creativeUnitsCost()).hasValue(2.0);
    assertThat(submission.submittedAt()).isEqualTo(time.instant());
  }

  @ParameterizedTest(name = "a quote answered with HTTP {0}")
  @ValueSource(ints = {200, 269, 402})
  void quoteSendsDryRunAsAQueryParameterAndAcceptsEveryDocumentedStatus(int status) throws InterruptedException {
    server.enqueue(json(status, QUOTE));

    Quote quote = TestClients.client(server, time).quote(LtxRequest.of("A fantasy landscape"));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().queryParameter("dryRun")).isEqualTo("true");
    assertThat(sent.getBody().utf8()).isEqualTo("{\"prompt\":\"A fantasy landscape\"}").doesNotContain("dryRun");
    assertThat(quote.creativeUnitsCost()).isEqualTo(2.0);
    assertThat(quote.costDetails()).containsEntry("base", 2.0);
  }

  @Test
  void a402WithoutAQuoteIsAnError() {
    server.enqueue(json(402, "{\"reason\": \"Not enough creative units\"}"));

    assertThatThrownBy(() -> TestClients.client(server, time).quote(LtxRequest.of("p")))
        .isExactlyInstanceOf(InsufficientCreditsException.class)
        .hasMessageContaining("HTTP 402 (not enough credits").hasMessageContaining(": Not enough creative units");
  }

  @Test
  void a402QuoteWhoseCostOverflowsADoubleIsAnErrorNotInfinity() {
    server.enqueue(json(402, "{\"creativeUnitsCost\": 1e400, \"creativeUnitsDiscount\": 0, \"job\": {}}"));

    assertThatThrownBy(() -> TestClients.client(server, time).quote(LtxRequest.of("p")))
        .isExactlyInstanceOf(Ltx4jException.class)
        .hasMessageContaining("not a finite number");
  }

  @Test
  void jobViewsTolerateIdProgressInPercentFailedAndUnknownStatuses() {
    server.enqueue(json("{\"job\": {\"id\": \"job_a\", \"status\": \"processing\", \"progress\": 42}}"));
    server.enqueue(json("{\"job\": {\"jobId\": \"job_b\", \"status\": \"failed\", \"metadata\": "
        + "{\"error\": \"Bad frame\", \"hint\": \"Upload a PNG\"}}}"));
    server.enqueue(json("{\"job\": {\"jobId\": \"job_c\", \"status\": \"rendering-audio\", \"progress\": 0.5}}"));
    LtxClient client = TestClients.client(server, time);

    JobSnapshot a = client.getJob("job_a");
    JobSnapshot b = client.getJob("job_b");
    JobSnapshot c = client.getJob("job_c");

    assertThat(a.id()).contains("job_a");
    assertThat(a.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(a.progress()).hasValue(0.42);
    assertThat(b.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(b.isTerminal()).isTrue();
    assertThat(b.error()).contains("Bad frame");
    assertThat(b.hint()).contains("Upload a PNG");
    assertThat(c.isTerminal()).isFalse();
    assertThat(c.progress()).hasValue(0.5);
  }

  @Test
  void listJobsStreamsAcrossPagesLazily() throws InterruptedException {
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_1\"}, {\"jobId\": \"job_2\"}], \"nextPaginationToken\": \"p2\"}"));
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_3\"}]}"));
    LtxClient client = TestClients.client(server, time);

    List<String> ids = client.listJobs(new JobQuery("success", "custom", 2)).map(job -> job.id().orElseThrow()).toList();

    assertThat(ids).containsExactly("job_1", "job_2", "job_3");
    assertThat(server.takeRequest().getUrl().query()).isEqualTo("pageSize=2&status=success&type=custom");
    assertThat(server.takeRequest().getUrl().query()).isEqualTo("pageSize=2&paginationToken=p2&status=success&type=custom");
  }

  @Test
  void listJobsReadsNoFurtherPageThanConsumed() {
    server.enqueue(json("{\"jobs\": [{\"jobId\": \"job_1\"}], \"nextPaginationToken\": \"p2\"}"));

    assertThat(TestClients.client(server, time).listJobs(JobQuery.ALL).findFirst()).isPresent();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void cancelReturnsTheCanceledJob() {
    server.enqueue(json("{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"canceled\"}}"));

    assertThat(TestClients.client(server, time).cancel("job_abc123").status()).isEqualTo(JobStatus.CANCELED);
  }

  @Test
  void runModelPostsAnyParametersToThatModel() throws InterruptedException {
    server.enqueue(json(JOB_QUEUED));

    Submission submission = TestClients.client(server, time).runModel("model_flux.1-dev", Map.of("prompt", "a cat"));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/generate/custom/model_flux.1-dev");
    assertThat(sent.getBody().utf8()).isEqualTo("{\"prompt\":\"a cat\"}");
    assertThat(submission.jobId()).isEqualTo("job_abc123");
  }

  @Test
  void asyncOperationsCompleteWithoutBlockingTheCaller() throws Exception {
    server.enqueue(json(JOB_QUEUED));
    server.enqueue(json("{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"success\"}}"));
    server.enqueue(json(404, "{\"reason\": \"Job not found\"}"));
    LtxClient client = TestClients.client(server, time);

    assertThat(client.submitAsync(LtxRequest.of("p")).get(5, TimeUnit.SECONDS).jobId()).isEqualTo("job_abc123");
    assertThat(client.getJobAsync("job_abc123").get(5, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(client.getJobAsync("job_x").handle((job, error) -> error).get(5, TimeUnit.SECONDS))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(NotFoundException.class);
  }
}
