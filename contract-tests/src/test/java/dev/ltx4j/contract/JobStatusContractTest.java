package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.JOB;
import static dev.ltx4j.contract.Contract.KEY;
import static dev.ltx4j.contract.Contract.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.model.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading job job_abc123 in each state it can be in, and the outcome the client makes of it. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class JobStatusContractTest {
  @Pact(consumer = Contract.CONSUMER)
  V4Pact queued(PactDslWithProvider builder) {
    return jobRead(builder, Contract.JOB_QUEUED, "a queued job", newJsonBody(body -> body.object("job", job -> job
        .stringValue("jobId", "job_abc123").stringValue("status", "queued"))).build());
  }

  @Test
  @PactTestFor(pactMethod = "queued")
  void readsAQueuedJobAsRunning(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobSnapshot job = client.getJob("job_abc123");

      assertThat(job.id()).hasValue("job_abc123");
      assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(job.isTerminal()).isFalse();
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact inProgress(PactDslWithProvider builder) {
    return jobRead(builder, Contract.JOB_IN_PROGRESS, "a job in progress", newJsonBody(body -> body.object("job",
        job -> job.stringValue("jobId", "job_abc123").stringValue("status", "in-progress")
            .numberType("progress", 0.42))).build());
  }

  @Test
  @PactTestFor(pactMethod = "inProgress")
  void readsTheProgressOfAJobInProgress(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobSnapshot job = client.getJob("job_abc123");

      assertThat(job.id()).hasValue("job_abc123");
      assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
      assertThat(job.progress()).hasValue(0.42);
    }
  }

  /** The reference page's response, literally. */
  static final DslPart REFERENCE_SUCCESS = newJsonBody(body -> body.object("job", job -> job
      .stringValue("jobId", "job_abc123").stringValue("status", "success")
      .object("metadata", metadata -> metadata.array("assetIds", ids -> ids.stringValue("asset_abc123"))))).build();

  @Pact(consumer = Contract.CONSUMER)
  V4Pact succeeded(PactDslWithProvider builder) {
    return jobRead(builder, Contract.JOB_SUCCEEDED, "a job that succeeded", REFERENCE_SUCCESS);
  }

  @Test
  @PactTestFor(pactMethod = "succeeded")
  void awaitReturnsTheAssetIdsOfASucceededJob(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobSnapshot job = client.await("job_abc123");

      assertThat(job.id()).hasValue("job_abc123");
      assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
      assertThat(job.assetIds()).containsExactly("asset_abc123");
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact failed(PactDslWithProvider builder) {
    return jobRead(builder, Contract.JOB_FAILED, "a job that failed", newJsonBody(body -> body.object("job",
        job -> job.stringValue("jobId", "job_abc123").stringValue("status", "failure")
            .object("metadata", metadata -> metadata
                .stringType("error", "Durations longer than 10 seconds are only supported at 1080p with 24 or 25 FPS.")
                .stringType("hint", "Lower the duration or use 1080p at 24 or 25 fps.")))).build());
  }

  @Test
  @PactTestFor(pactMethod = "failed")
  void awaitRaisesTheErrorAndHintOfAFailedJob(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobFailedException failed = catchThrowableOfType(JobFailedException.class, () -> client.await("job_abc123"));

      assertThat(failed.jobId()).isEqualTo("job_abc123");
      assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).startsWith("Durations longer"));
      assertThat(failed.hint()).hasValueSatisfying(hint -> assertThat(hint).startsWith("Lower the duration"));
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact canceled(PactDslWithProvider builder) {
    return jobRead(builder, Contract.JOB_CANCELED, "a job that was canceled", newJsonBody(body -> body.object("job",
        job -> job.stringValue("jobId", "job_abc123").stringValue("status", "canceled"))).build());
  }

  @Test
  @PactTestFor(pactMethod = "canceled")
  void awaitRaisesJobCanceledExceptionForACanceledJob(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobCanceledException canceled =
          catchThrowableOfType(JobCanceledException.class, () -> client.await("job_abc123"));

      assertThat(canceled.jobId()).isEqualTo("job_abc123");
      assertThat(canceled).hasMessageContaining("job_abc123");
    }
  }

  private static V4Pact jobRead(PactDslWithProvider builder, String state, String description, DslPart body) {
    return request(builder.given(state).uponReceiving("a read of " + description), KEY, "GET", JOB)
        .willRespondWith()
        .status(200)
        .body(body)
        .toPact(V4Pact.class);
  }
}
