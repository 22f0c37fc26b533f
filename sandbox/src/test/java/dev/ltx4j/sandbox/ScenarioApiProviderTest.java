package dev.ltx4j.sandbox;

import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the sandbox against the consumer contract the contract-tests module writes earlier in the same build
 * ({@code contract-tests/target/pacts}); without a pact file there is nothing to verify. Each interaction's
 * provider states are set up by name through {@link Sandbox#applyState(String)}.
 */
@Provider("scenario-api")
@PactFolder("../contract-tests/target/pacts")
@IgnoreNoPactsToVerify
class ScenarioApiProviderTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.builder().credentials("contract-key", "contract-secret").start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** Part uploads go to the presigned URL on the CDN listener; everything else to the API. */
  @BeforeEach
  void target(PactVerificationContext context) {
    if (context != null) {
      String path = context.getInteraction().asSynchronousRequestResponse().getRequest().getPath();
      URI base = URI.create(path.startsWith("/upload-parts/") ? sandbox.cdnUrl() : sandbox.baseUrl());
      context.setTarget(new HttpTestTarget(base.getHost(), base.getPort(), "/"));
    }
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void honoursTheConsumerContract(PactVerificationContext context) {
    if (context == null) {
      return;
    }
    sandbox.reset();
    for (ProviderState state : context.getInteraction().getProviderStates()) {
      sandbox.applyState(state.getName());
    }
    context.verifyInteraction();
  }

  /** Pact asks for a method per state; the states are set up above, by name, from each interaction. */
  @State({"job job_abc123 succeeded", "job job_abc123 is queued", "job job_abc123 is in progress at 0.42",
      "job job_abc123 failed", "job job_abc123 was canceled", "jobs job_abc123 and job_def456 exist",
      "images asset_start123 and asset_end456 are uploaded", "the API key and secret are not recognised",
      "the team runs 5 generations, its concurrency limit", "there are more jobs than one page",
      "asset asset_abc123 is a generated video", "assets asset_abc123 and asset_def456 are generated videos",
      "upload upload_abc123 of one part was started",
      "upload upload_abc123 has received its one part", "upload upload_abc123 was imported as asset asset_start123",
      "job job_missing does not exist", "the API key cannot access protected resources",
      "the project's request rate is used up for 30 seconds"})
  void statesAreAppliedByName() {}
}
