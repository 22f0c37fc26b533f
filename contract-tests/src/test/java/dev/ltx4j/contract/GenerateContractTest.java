package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.GENERATE;
import static dev.ltx4j.contract.Contract.IMAGES_UPLOADED;
import static dev.ltx4j.contract.Contract.JOB_ID_PATTERN;
import static dev.ltx4j.contract.Contract.KEY;
import static dev.ltx4j.contract.Contract.STATUS_PATTERN;
import static dev.ltx4j.contract.Contract.json;
import static dev.ltx4j.contract.Contract.request;
import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Quote;
import dev.ltx4j.Submission;
import dev.ltx4j.model.CameraMotion;
import dev.ltx4j.model.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Generations the service accepts: the reference request, image-to-video, interpolation and a dry-run quote. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class GenerateContractTest {
  /** The reference page's request, every parameter spelled out. */
  static final LtxRequest REFERENCE = LtxRequest.builder()
      .prompt("A fantasy landscape").resolution("1080p").durationSeconds(6).aspectRatio("16:9").fps(25)
      .cameraMotion("none").generateAudio(true).build();

  static final DslPart REFERENCE_BODY = newJsonBody(body -> body
      .stringValue("prompt", "A fantasy landscape").stringValue("resolution", "1080p").numberValue("duration", 6)
      .stringValue("aspectRatio", "16:9").numberValue("fps", 25).stringValue("cameraMotion", "none")
      .booleanValue("generateAudio", true)).build();

  /** A created job: the documentation gives its shape, not its values. */
  private static final DslPart JOB_CREATED = newJsonBody(body -> body.object("job", job -> job
      .stringMatcher("jobId", JOB_ID_PATTERN, "job_abc123")
      .stringMatcher("status", STATUS_PATTERN, "queued"))).build();

  @Pact(consumer = Contract.CONSUMER)
  V4Pact textToVideo(PactDslWithProvider builder) {
    return generation(builder.uponReceiving("a text-to-video generation with the reference request"), REFERENCE_BODY);
  }

  @Test
  @PactTestFor(pactMethod = "textToVideo")
  void submitsTheReferenceRequestAndKeepsTheJobId(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Submission submission = client.submit(REFERENCE);

      assertThat(submission.jobId()).isEqualTo("job_abc123");
      assertThat(submission.job().status()).isEqualTo(JobStatus.QUEUED);
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact imageToVideo(PactDslWithProvider builder) {
    return generation(builder.given(IMAGES_UPLOADED).uponReceiving("an image-to-video generation from a first frame"),
        newJsonBody(body -> body.stringValue("prompt", "The camera slowly pushes into the scene")
            .stringValue("startImage", "asset_start123").stringValue("cameraMotion", "dolly_in")).build());
  }

  @Test
  @PactTestFor(pactMethod = "imageToVideo")
  void sendsTheFirstFrameAsStartImage(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Submission submission = client.submit(LtxRequest.builder().prompt("The camera slowly pushes into the scene")
          .startImage("asset_start123").cameraMotion(CameraMotion.DOLLY_IN).build());

      assertThat(submission.jobId()).isEqualTo("job_abc123");
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact interpolation(PactDslWithProvider builder) {
    return generation(builder.given(IMAGES_UPLOADED).uponReceiving("an interpolation between a first and a last frame"),
        newJsonBody(body -> body.stringValue("prompt", "A flower opens").stringValue("startImage", "asset_start123")
            .stringValue("endImage", "asset_end456").numberValue("duration", 8)).build());
  }

  @Test
  @PactTestFor(pactMethod = "interpolation")
  void sendsBothFramesForAnInterpolation(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Submission submission = client.submit(LtxRequest.builder().prompt("A flower opens")
          .startImage("asset_start123").endImage("asset_end456").durationSeconds(8).build());

      assertThat(submission.jobId()).isEqualTo("job_abc123");
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact dryRunQuote(PactDslWithProvider builder) {
    return json(request(builder.uponReceiving("a dry run of the reference request"), KEY, "POST", GENERATE))
        .query("dryRun=true")
        .body(REFERENCE_BODY)
        .willRespondWith()
        .status(269) // as Scenario's own integration found every dry run answered; the body may hold only the cost
        .body(newJsonBody(body -> body.numberType("creativeUnitsCost", 2)).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "dryRunQuote")
  void quotesWithDryRunInTheQueryAndCreatesNoJob(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Quote quote = client.quote(REFERENCE);

      assertThat(quote.creativeUnitsCost()).isEqualTo(2.0);
      assertThat(quote.creativeUnitsDiscount()).isZero();
    }
  }

  private static V4Pact generation(PactDslRequestWithoutPath interaction, DslPart requestBody) {
    return json(request(interaction, KEY, "POST", GENERATE))
        .body(requestBody)
        .willRespondWith()
        .status(200)
        .body(JOB_CREATED)
        .toPact(V4Pact.class);
  }
}
