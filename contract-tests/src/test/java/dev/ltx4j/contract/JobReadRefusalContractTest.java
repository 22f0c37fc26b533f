package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.JOB;
import static dev.ltx4j.contract.Contract.KEY;
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
import dev.ltx4j.LtxClient;
import dev.ltx4j.NotFoundException;
import dev.ltx4j.PermissionDeniedException;
import dev.ltx4j.RateLimitException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Job reads the service refuses, in the documented words: an unknown job, a key without access, a used-up rate. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class JobReadRefusalContractTest {
  static final String PROTECTED = "API Keys cannot access protected resources";

  @Pact(consumer = Contract.CONSUMER)
  V4Pact jobMissing(PactDslWithProvider builder) {
    return request(builder.given(Contract.JOB_MISSING).uponReceiving("a read of a job that does not exist"), KEY,
            "GET", "/v1/jobs/job_missing")
        .willRespondWith()
        .status(404)
        .body(newJsonBody(body -> body.stringType("reason", "Job not found")).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "jobMissing")
  void raisesNotFoundForAJobThatDoesNotExist(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      NotFoundException missing = catchThrowableOfType(NotFoundException.class, () -> client.getJob("job_missing"));

      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body().reason()).isNotBlank();
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact protectedResources(PactDslWithProvider builder) {
    return request(builder.given(Contract.PROTECTED_RESOURCES).uponReceiving("a job read with a key that may not"),
            KEY, "GET", JOB)
        .willRespondWith()
        .status(403)
        .body(newJsonBody(body -> body.stringValue("message", PROTECTED)).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "protectedResources")
  void raisesPermissionDeniedWithTheServicesMessage(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      PermissionDeniedException denied =
          catchThrowableOfType(PermissionDeniedException.class, () -> client.getJob("job_abc123"));

      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.body().message()).isEqualTo(PROTECTED);
      assertThat(denied).hasMessageContaining(PROTECTED);
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact rateUsedUp(PactDslWithProvider builder) {
    return request(builder.given(Contract.RATE_USED_UP).uponReceiving("a job read over the project's request rate"),
            KEY, "GET", JOB)
        .willRespondWith()
        .status(429)
        .body(newJsonBody(body -> body.stringType("reason", "Too many requests").integerType("remainingSeconds", 30))
            .build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "rateUsedUp")
  void raisesRateLimitWithTheTimeToWait(MockServer server) {
    try (LtxClient client = Contract.builder(server, KEY).maxRetries(0).build()) {
      RateLimitException limited = catchThrowableOfType(RateLimitException.class, () -> client.getJob("job_abc123"));

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
    }
  }
}
