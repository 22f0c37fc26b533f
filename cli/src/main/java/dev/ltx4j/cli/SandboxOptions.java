package dev.ltx4j.cli;

import dev.ltx4j.sandbox.Sandbox; // a constant, inlined by the compiler
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How {@code ltx4j sandbox} serves: its ports, limits, pace and faults. {@link SandboxServing} reads them. */
final class SandboxOptions {
  // No sandbox type in a field or a method's signature here either: picocli reads them for every command.
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

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

  @Option(names = "--no-bulk-asset-reads", description = {
      "Answer POST /v1/assets/get-bulk 404 as a service without it would, so that clients read one asset a request."})
  boolean noBulkAssetReads;

  @Option(names = "--time-scale", defaultValue = "1", description = {
      "Multiplies the sandbox's durations: 0.1 makes a generation's phases ten times shorter and the",
      "rate limit's minute 6 s. Default: ${DEFAULT-VALUE}."})
  double timeScale;

  @Option(names = "--faults", paramLabel = "SPEC", description = {
      "Faults to inject, comma-separated name[:ENDPOINT]=value: serverErrors, rateLimits, resets, bodyCuts,",
      "trickledBodies, resetAfterAccept, truncatedDownloads, jobFailureRate (rates 0..1), latencyMs,",
      "trickleBytes, trickleMs, concurrencyLimit, urlLifetimeSeconds, creditsLeft. ENDPOINT (all if left",
      "out): GENERATE, GET_JOB, LIST_JOBS, JOB_ACTION, GET_ASSET, GET_ASSETS_BULK, CREATE_ASSET, CREATE_UPLOAD,",
      "GET_UPLOAD, UPLOAD_ACTION, LIST_TEAMS, TEAM_LIMITS, CDN_DOWNLOAD, CDN_UPLOAD_PART."})
  @Nullable String faults;
}
