package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sandbox's JUnit 5 extension in a user's own project: a video generated offline. */
@ExtendWith(SandboxExtension.class)
class GenerateOnSandboxTest {
  @Test
  void aVideoIsGeneratedOnTheSandbox(LtxClient client) {
    JobSnapshot done = client.generate(LtxRequest.of("A fox in the snow"), WaitOptions.defaults());

    assertEquals("success", done.status().toString().toLowerCase());
    assertFalse(done.assetIds().isEmpty());
  }
}
