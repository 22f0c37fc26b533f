package dev.ltx4j.cli;

import dev.ltx4j.sandbox.Sandbox;
import dev.ltx4j.sandbox.SandboxMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Serve the sandbox (a local simulator of the API) until Ctrl-C.",
    footer = {"%nExamples:", "  ltx4j sandbox --port 8080",
        "  ltx4j sandbox --port 0   # any free port; LTX4J_BASE_URL=… and the credentials are printed",
        "  ltx4j sandbox --real-world   # answers in the variant forms a client must also read"})
final class SandboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "API port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--cdn-port", defaultValue = "0", description = "CDN port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int cdnPort;

  @Option(names = "--requests-per-minute", defaultValue = "" + Sandbox.SERVICE_REQUESTS_PER_MINUTE, description = {
      "API calls allowed in any sliding sandbox minute (60 s x the time scale), as the service meters a project;",
      "more answer 429 with remainingSeconds. 0 = no limit. Default: ${DEFAULT-VALUE}."})
  int requestsPerMinute;

  @Option(names = "--ceiling", defaultValue = "0", description = {
      "Generation jobs allowed to run at once; one more answers 429 naming the limit. 0 = none.",
      "Default: ${DEFAULT-VALUE}."})
  int ceiling;

  @Option(names = "--real-world", description = {
      "Answer in the variant forms Scenario's guides and clients show: id for jobId, failed, cancelled,",
      "progress 0..100, metadata.assetId, \"\" as the last page token, padded base64 page tokens, timestamps",
      "without milliseconds."})
  boolean realWorld;

  @Override
  public Integer call() throws InterruptedException {
    Sandbox sandbox = start();
    var err = spec.commandLine().getErr();
    err.println("Sandbox serving" + (realWorld ? " real-world variant forms" : "")
        + "; the environment a client needs is on stdout. Ctrl-C stops it.");
    err.flush();
    SandboxMain.serve(sandbox, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** The sandbox the options describe, started. */
  Sandbox start() {
    return Sandbox.builder().port(port).cdnPort(cdnPort).realWorldVariants(realWorld)
        .requestsPerMinute(requestsPerMinute).concurrencyCeiling(ceiling).start();
  }
}
