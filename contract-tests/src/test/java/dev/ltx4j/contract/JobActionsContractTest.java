package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.JOB;
import static dev.ltx4j.contract.Contract.JOB_ID_PATTERN;
import static dev.ltx4j.contract.Contract.KEY;
import static dev.ltx4j.contract.Contract.STATUS_PATTERN;
import static dev.ltx4j.contract.Contract.json;
import static dev.ltx4j.contract.Contract.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.ltx4j.JobNotCancellableException;
import dev.ltx4j.JobPage;
import dev.ltx4j.JobQuery;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Canceling a generation job, which the service refuses, and listing jobs a page at a time. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class JobActionsContractTest {
  @Pact(consumer = Contract.CONSUMER)
  V4Pact cancelRefused(PactDslWithProvider builder) {
    return json(request(builder.given(Contract.JOB_IN_PROGRESS).uponReceiving("a cancel of a generation job"),
            KEY, "POST", JOB + "/action"))
        .body(newJsonBody(body -> body.stringValue("action", "cancel")).build())
        .willRespondWith()
        .status(400)
        .body(newJsonBody(body -> body.stringValue("reason", "Cannot cancel this type of job. Action not permitted."))
            .build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "cancelRefused")
  void raisesJobNotCancellableWhenTheServiceRefusesToCancel(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobNotCancellableException refused =
          catchThrowableOfType(JobNotCancellableException.class, () -> client.cancel("job_abc123"));

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body().reason()).isEqualTo("Cannot cancel this type of job. Action not permitted.");
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact firstPageOfJobs(PactDslWithProvider builder) {
    return request(builder.given(Contract.TWO_JOBS).uponReceiving("a list of jobs one to a page"), KEY, "GET",
            "/v1/jobs")
        .query("pageSize=1")
        .willRespondWith()
        .status(200)
        .body(newJsonBody(body -> body
            .minArrayLike("jobs", 1, 1, job -> job
                .stringMatcher("jobId", JOB_ID_PATTERN, "job_def456")
                .stringMatcher("status", STATUS_PATTERN, "queued"))
            .stringType("nextPaginationToken", "token_page2")).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "firstPageOfJobs")
  void readsAPageOfJobsAndTheTokenOfTheNext(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      JobPage page = client.listJobsPage(new JobQuery(null, null, 1), null);

      assertThat(page.jobs()).extracting(job -> job.id().orElseThrow()).containsExactly("job_def456");
      assertThat(page.jobs()).noneMatch(JobSnapshot::isTerminal);
      assertThat(page.next()).hasValue("token_page2");
    }
  }
}
