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
        "  ltx4j sandbox --real-world   # answers in the variant forms a client must also read",
        "  ltx4j sandbox --ceiling 4 --time-scale 0.1   # generations of about 6 s, four at once",
        "  ltx4j sandbox --faults serverErrors:GET_JOB=0.2,creditsLeft=40   # flaky polls, then out of credits"})
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

  @Option(names = "--time-scale", defaultValue = "1", description = {
      "Multiplies the sandbox's durations: 0.1 makes a generation's phases ten times shorter and the",
      "rate limit's minute 6 s. Default: ${DEFAULT-VALUE}."})
  double timeScale;

  @Option(names = "--faults", paramLabel = "SPEC", description = {
      "Faults to inject, comma-separated name[:ENDPOINT]=value: serverErrors, rateLimits, resets, bodyCuts,",
      "trickledBodies, resetAfterAccept, truncatedDownloads, jobFailureRate (rates 0..1), latencyMs,",
      "trickleBytes, trickleMs, concurrencyLimit, urlLifetimeSeconds, creditsLeft. ENDPOINT (all if left",
      "out): GENERATE, GET_JOB, LIST_JOBS, JOB_ACTION, GET_ASSET, CREATE_ASSET, CREATE_UPLOAD, GET_UPLOAD,",
      "UPLOAD_ACTION, LIST_TEAMS, TEAM_LIMITS, CDN_DOWNLOAD, CDN_UPLOAD_PART."})
  String faults;

  @Option(names = "--stop", description = "Stop the local sandbox that --sandbox commands share, if one is running.")
  boolean stop;

  @Option(names = "--background", hidden = true, paramLabel = "FOLDER",
      description = "Serve as the sandbox --sandbox commands share, publishing its address in FOLDER.")
  java.nio.file.Path background;

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    if (stop) {
      SharedSandbox shared = SharedSandbox.forUser(System.getenv());
      out.println(shared.stop() ? "Stopped the local sandbox." : "No local sandbox was running.");
      return ExitCodes.OK;
    }
    if (background != null) {
      return BackgroundSandbox.serve(new SharedSandbox(background), SharedSandbox.IDLE);
    }
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
    if (!(timeScale > 0) || timeScale > 1000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--time-scale " + timeScale + " must be more than 0 and at most 1000");
    }
    Sandbox sandbox = Sandbox.builder().port(port).cdnPort(cdnPort).realWorldVariants(realWorld)
        .requestsPerMinute(requestsPerMinute).concurrencyCeiling(ceiling).timeScale(timeScale).start();
    if (faults != null) {
      try {
        sandbox.faults().apply(faults);
      } catch (IllegalArgumentException e) {
        sandbox.close();
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
      }
    }
    return sandbox;
  }
}
