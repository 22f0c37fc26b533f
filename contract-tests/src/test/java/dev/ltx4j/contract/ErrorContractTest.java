package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.CONCURRENCY_LIMIT;
import static dev.ltx4j.contract.Contract.CREDENTIALS_REJECTED;
import static dev.ltx4j.contract.Contract.GENERATE;
import static dev.ltx4j.contract.Contract.JOB;
import static dev.ltx4j.contract.Contract.KEY;
import static dev.ltx4j.contract.Contract.REJECTED_KEY;
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
import dev.ltx4j.AuthenticationException;
import dev.ltx4j.BadRequestException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.RateLimitException;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests the service refuses: a missing prompt, unknown credentials, a full concurrency limit. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class ErrorContractTest {
  @Pact(consumer = Contract.CONSUMER)
  V4Pact promptMissing(PactDslWithProvider builder) {
    return json(request(builder.uponReceiving("a generation without a prompt"), KEY, "POST", GENERATE))
        .body("{}")
        .willRespondWith()
        .status(400)
        .body(newJsonBody(body -> body.stringValue("reason", "Input prompt is required")).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "promptMissing")
  void reportsTheServiceReasonWhenThePromptIsMissing(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      // LtxRequest refuses a blank prompt before sending; the untyped path lets the service answer.
      BadRequestException refused = catchThrowableOfType(BadRequestException.class,
          () -> client.runModel(LtxClient.LTX_MODEL_ID, Map.of()));

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body().reason()).isEqualTo("Input prompt is required");
      assertThat(refused).hasMessageContaining("Input prompt is required");
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact credentialsRejected(PactDslWithProvider builder) {
    return request(builder.given(CREDENTIALS_REJECTED).uponReceiving("a job read with unknown credentials"),
            REJECTED_KEY, "GET", JOB)
        .willRespondWith()
        .status(401)
        .body(newJsonBody(body -> body.stringType("message", "Unauthorized")).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "credentialsRejected")
  void raisesAuthenticationExceptionForUnknownCredentials(MockServer server) {
    try (LtxClient client = Contract.builder(server, REJECTED_KEY).build()) {
      AuthenticationException refused =
          catchThrowableOfType(AuthenticationException.class, () -> client.getJob("job_abc123"));

      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused).hasMessageNotContaining(Contract.SECRET);
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact concurrencyLimit(PactDslWithProvider builder) {
    return json(request(builder.given(CONCURRENCY_LIMIT).uponReceiving("a generation over the concurrency limit"),
            KEY, "POST", GENERATE))
        .body(GenerateContractTest.REFERENCE_BODY)
        .willRespondWith()
        .status(429)
        .body(newJsonBody(body -> body
            .stringType("reason", "Too many concurrent jobs")
            .object("details", details -> details
                .stringType("actionName", "generate")
                .integerType("actionLimit", 5))).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "concurrencyLimit")
  void raisesRateLimitExceptionWithTheLimitReached(MockServer server) {
    try (LtxClient client = Contract.builder(server, KEY).maxRetries(0).maxSlotWait(Duration.ZERO).build()) {
      RateLimitException refused =
          catchThrowableOfType(RateLimitException.class, () -> client.submit(GenerateContractTest.REFERENCE));

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.actionLimit()).hasValue(5);
      assertThat(refused.body().details()).containsEntry("actionName", "generate");
    }
  }
}
