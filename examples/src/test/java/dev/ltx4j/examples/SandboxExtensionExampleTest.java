package dev.ltx4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ltx4j.JobFailedException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Submission;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.model.JobStatus;
import dev.ltx4j.sandbox.Sandbox;
import dev.ltx4j.sandbox.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user's test of their own video feature, with the sandbox's JUnit 5 extension injecting a sandbox and client. */
@ExtendWith(SandboxExtension.class)
class SandboxExtensionExampleTest {
  @Test
  void aGenerationSucceedsAndIsSubmittedOnce(Sandbox sandbox, LtxClient client) {
    Submission submission = client.submit(LtxRequest.builder().prompt("A red fox in the snow").build());

    assertEquals(JobStatus.SUCCESS, client.await(submission.jobId(), WaitOptions.defaults()).status());
    assertEquals(1, sandbox.counters().submissions());
  }

  @Test
  void aPromptThatAsksForFailureFails(LtxClient client) {
    // The sandbox fails a job whose prompt holds [fail]: the path a user's error handling must take.
    assertThrows(JobFailedException.class, () -> client.generate(
        LtxRequest.builder().prompt("A storm [fail]").build(), WaitOptions.defaults()));
  }
}
