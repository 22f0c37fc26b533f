package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.AuthenticationException;
import dev.ltx4j.JobNotCancellableException;
import dev.ltx4j.JobPage;
import dev.ltx4j.JobQuery;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.NotFoundException;
import dev.ltx4j.PermissionDeniedException;
import dev.ltx4j.Quote;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.model.JobStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider states the consumer contract names (with its credentials), each followed by the interaction that
 * uses it, so that a Pact provider verification can drive the sandbox through {@link Sandbox#applyState(String)}.
 */
class ContractStatesTest {
  @RegisterExtension
  static final SandboxExtension SANDBOX =
      SandboxExtension.with(Sandbox.builder().credentials("contract-key", "contract-secret"));

  @Test
  void jobInProgressAtAGivenProgressCannotBeCanceled(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("job job_abc123 is in progress at 0.42");

    assertThat(client.getJob("job_abc123").progress().getAsDouble()).isEqualTo(0.42);
    assertThatThrownBy(() -> client.cancel("job_abc123")).isInstanceOf(JobNotCancellableException.class);
  }

  @Test
  void twoJobsExistAndAPageOfOneLinksToTheNext(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("jobs job_abc123 and job_def456 exist");

    JobPage page = client.listJobsPage(new JobQuery(null, null, 1), null);

    assertThat(page.jobs()).singleElement().satisfies(job -> assertThat(job.id()).contains("job_def456"));
    assertThat(page.next()).isPresent();
  }

  @Test
  void uploadedImagesLetImageToVideoAndInterpolationSucceed(Sandbox sandbox, LtxClient client) throws Exception {
    sandbox.applyState("images asset_start123 and asset_end456 are uploaded");

    String jobId = client.submit(LtxRequest.builder().prompt("A flower opens").startImage("asset_start123")
        .endImage("asset_end456").build()).jobId();

    assertThat(Http.asset(sandbox, "asset_start123").mimeType()).isEqualTo("image/png");
    assertThat(client.getJob(jobId).status()).isNotEqualTo(JobStatus.FAILURE);
    assertThat(client.getJob(jobId).job().metadata().error()).isNull();
  }

  @Test
  void twoGeneratedVideosAreReadInOneBulkRequest(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("assets asset_abc123 and asset_def456 are generated videos");

    assertThat(client.assets().getAll(List.of("asset_abc123", "asset_def456", "asset_gone999")))
        .containsOnlyKeys("asset_abc123", "asset_def456")
        .allSatisfy((id, asset) -> assertThat(asset.mimeType()).isEqualTo("video/mp4"));
    assertThat(sandbox.counters().requests(Endpoint.GET_ASSETS_BULK)).isEqualTo(1);
  }

  @Test
  void aTeamAtItsConcurrencyLimitGetsA429NamingTheLimit(Sandbox sandbox) {
    sandbox.applyState("the team runs 5 generations, its concurrency limit");

    // A client that does not wait for a slot hands the service's refusal over as it came.
    try (LtxClient client = sandbox.clientBuilder().maxRetries(0).maxSlotWait(Duration.ZERO).build()) {
      assertThatThrownBy(() -> client.submit(LtxRequest.of("A fantasy landscape")))
          .isInstanceOfSatisfying(RateLimitException.class,
              e -> assertThat(e.actionLimit()).hasValue(5));
    }
    assertThat(sandbox.counters().submissions()).isZero();
  }

  @Test
  void unknownCredentialsNeedNoSetUpAndGet401(Sandbox sandbox) {
    sandbox.applyState("the API key and secret are not recognised");

    try (LtxClient client = sandbox.clientBuilder().apiKey("revoked-key").build()) {
      assertThatThrownBy(() -> client.getJob("job_abc123")).isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void aJobThatDoesNotExistNeedsNoSetUpAndGets404WithAReason(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("job job_missing does not exist");

    assertThatThrownBy(() -> client.getJob("job_missing")).isInstanceOfSatisfying(NotFoundException.class,
        e -> assertThat(e.body().reason()).isEqualTo("Job not found"));
  }

  @Test
  void aKeyThatCannotAccessProtectedResourcesGets403WithTheDocumentedMessage(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("job job_abc123 is queued");
    sandbox.applyState("the API key cannot access protected resources");

    assertThatThrownBy(() -> client.getJob("job_abc123")).isInstanceOfSatisfying(PermissionDeniedException.class,
        e -> assertThat(e.body().message()).isEqualTo("API Keys cannot access protected resources"));
    sandbox.reset();
    assertThatThrownBy(() -> client.getJob("job_abc123")).as("a reset lifts it").isInstanceOf(NotFoundException.class);
  }

  @Test
  void aProjectWhoseRequestRateIsUsedUpGets429WithTheSecondsLeft(Sandbox sandbox) throws Exception {
    sandbox.applyState("the project's request rate is used up for 30 seconds");

    try (LtxClient client = sandbox.clientBuilder().maxRetries(0).build()) {
      assertThatThrownBy(() -> client.getJob("job_abc123")).isInstanceOfSatisfying(RateLimitException.class,
          e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    }
    try (okhttp3.Response raw = Http.CLIENT.newCall(ApiBehaviourTest.authorized(sandbox, "/jobs/job_abc123").build())
        .execute()) {
      assertThat(raw.body().string()).as("a whole number of seconds").endsWith(",\"remainingSeconds\":30}");
    }
  }

  @Test
  void theClientReadsTheDefault269DryRunAsAQuote(Sandbox sandbox, LtxClient client) {
    Quote quote = client.quote(LtxRequest.of("A fantasy landscape"));

    assertThat(quote.creativeUnitsCost()).isEqualTo(2.0);
    assertThat(sandbox.counters().submissions()).isZero();
  }
}
