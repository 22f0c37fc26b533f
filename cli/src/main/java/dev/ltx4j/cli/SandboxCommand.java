package dev.ltx4j.cli;

import dev.ltx4j.sandbox.Sandbox; // a constant, inlined by the compiler
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
  // No sandbox type in a field or a method's signature here: picocli reads them for every command, and the sandbox's
  // libraries are on the class path only of the commands that use them (bin/ltx4j).
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
  @Nullable String faults;

  @Option(names = "--stop", description = "Stop the local sandbox that --sandbox commands share, if one is running.")
  boolean stop;

  @Option(names = "--background", hidden = true, paramLabel = "FOLDER",
      description = "Serve as the sandbox --sandbox commands share, publishing its address in FOLDER.")
  java.nio.file.@Nullable Path background;

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
    return SandboxServing.serve(this);
  }
}
