package dev.ltx4j.bench;

import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Faults;
import dev.ltx4j.sandbox.RetryHint;
import java.time.Duration;
import java.util.List;

/**
 * The chaos mix: every fault kind the sandbox has on the endpoints a generation uses, faulting 19 % of polls, 26 % of
 * other reads and downloads and 30 % of submissions. Job failures stay off: a failed job has no video to compare.
 */
final class ChaosFaults {
  static final Endpoint[] READS = {Endpoint.GET_JOB, Endpoint.LIST_JOBS, Endpoint.GET_ASSET, Endpoint.GET_ASSETS_BULK};
  private static final Endpoint[] RATE_LIMITED = {
      Endpoint.GENERATE, Endpoint.GET_JOB, Endpoint.LIST_JOBS, Endpoint.GET_ASSET, Endpoint.GET_ASSETS_BULK,
      Endpoint.CDN_DOWNLOAD};
  private static final RetryHint[] HINTS = RetryHint.values();

  /** Share of requests reset before any answer, per endpoint. */
  static final double RESETS = 0.05;
  /** Share answered with a 5xx (500 on reads, 503 on generations, 502 on the CDN). */
  static final double SERVER_ERRORS = 0.08;
  /** Share answered 429; the hint rotates between Retry-After, remainingSeconds and none. */
  static final double RATE_LIMITS = 0.07;
  /** Share of generations created and then answered with a reset. */
  static final double RESET_AFTER_ACCEPT = 0.05;
  /** Share of CDN downloads cut off halfway. */
  static final double TRUNCATED = 0.05;
  /**
   * Share of generations and of reads other than polls handled, then answered with the headers and half a body
   * before the cut. Polls keep the older mix: they are most of the requests, and a run lasts as long as its longest
   * chain of faulted polls and their backoff.
   */
  static final double BODY_CUTS = 0.05;
  /** Share of generations, reads other than polls and downloads handled, then answered past the read timeout. */
  static final double TRICKLES = 0.04;
  /** The pause between a trickled body's writes, longer than the client's read timeout. */
  static final Duration TRICKLE_PAUSE = ChaosSetup.READ_TIMEOUT.plusSeconds(1);
  private static final Endpoint[] SPOILED = {Endpoint.GENERATE, Endpoint.LIST_JOBS, Endpoint.GET_ASSET,
      Endpoint.GET_ASSETS_BULK};
  private static final Endpoint[] TRICKLED = {Endpoint.GENERATE, Endpoint.LIST_JOBS, Endpoint.GET_ASSET,
      Endpoint.GET_ASSETS_BULK, Endpoint.CDN_DOWNLOAD};
  /** Response-header latency on asset reads: signed URLs age before they are used. */
  static final Duration ASSET_LATENCY = Duration.ofMillis(40);

  private ChaosFaults() {}

  /** Applies the mix; URLs are signed to expire at the end of the current second, so some expire before use. */
  static void apply(Faults faults, int rotation) {
    faults.clear()
        .resets(RESETS, Endpoint.GENERATE, Endpoint.GET_JOB, Endpoint.LIST_JOBS, Endpoint.GET_ASSET,
            Endpoint.GET_ASSETS_BULK, Endpoint.CDN_DOWNLOAD)
        .serverErrors(SERVER_ERRORS, 500, READS)
        .serverErrors(SERVER_ERRORS, 503, Endpoint.GENERATE)
        .serverErrors(SERVER_ERRORS, 502, Endpoint.CDN_DOWNLOAD)
        .latency(ASSET_LATENCY, Endpoint.GET_ASSET, Endpoint.GET_ASSETS_BULK)
        .latency(Duration.ofMillis(10), Endpoint.GENERATE, Endpoint.GET_JOB)
        .resetAfterAccept(RESET_AFTER_ACCEPT)
        .truncatedDownloads(TRUNCATED)
        .bodyCuts(BODY_CUTS, SPOILED)
        .trickledBodies(TRICKLES, TRICKLED)
        .tricklePace(16, TRICKLE_PAUSE)
        .urlLifetime(Duration.ZERO);
    rotateRateLimitHint(faults, rotation);
  }

  /** Switches the 429 hint; called on a timer so that all three forms occur in one run. */
  static void rotateRateLimitHint(Faults faults, int rotation) {
    faults.rateLimits(RATE_LIMITS, HINTS[Math.floorMod(rotation, HINTS.length)], Duration.ofSeconds(1),
        RATE_LIMITED);
  }

  /** The share of requests to an endpoint that is faulted (not latency or expiry). */
  static double faultedShare(Endpoint endpoint) {
    // The sandbox draws reset, 5xx, 429, body cut, trickle in turn, at most one per request; each later draw only
    // reaches the requests the earlier ones left alone.
    double clean = (1 - RESETS) * (1 - SERVER_ERRORS) * (1 - RATE_LIMITS);
    if (List.of(SPOILED).contains(endpoint)) {
      clean *= 1 - BODY_CUTS;
    }
    if (List.of(TRICKLED).contains(endpoint)) {
      clean *= 1 - TRICKLES;
    }
    if (endpoint == Endpoint.GENERATE) {
      clean *= 1 - RESET_AFTER_ACCEPT;
    }
    if (endpoint == Endpoint.CDN_DOWNLOAD) {
      clean *= 1 - TRUNCATED;
    }
    return 1 - clean;
  }
}
