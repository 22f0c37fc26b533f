package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ltx4j sandbox}: the sandbox its options describe. */
class SandboxCommandTest {
  @Test
  void realWorldServesJobsInTheVariantFormsTheClientStillReads() {
    try (Sandbox sandbox = started("--real-world", "--port", "0"); LtxClient client = sandbox.newClient()) {
      JobSnapshot job = client.submit(LtxRequest.of("A kite over the dunes")).job();

      assertThat(job.job().jobId()).isNull();
      assertThat(job.job().id()).startsWith("job_");
      assertThat(job.id()).contains(job.job().id());
    }
  }

  @Test
  void withoutTheFlagJobsAreWrittenAsDocumented() {
    try (Sandbox sandbox = started("--port", "0"); LtxClient client = sandbox.newClient()) {
      JobSnapshot job = client.submit(LtxRequest.of("A kite over the dunes")).job();

      assertThat(job.job().jobId()).startsWith("job_");
      assertThat(job.job().id()).isNull();
    }
  }

  private static Sandbox started(String... args) {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs(args);
    return command.start();
  }
}
