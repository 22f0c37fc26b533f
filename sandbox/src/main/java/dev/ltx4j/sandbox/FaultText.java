package dev.ltx4j.sandbox;

import java.time.Duration;

/**
 * Fault knobs written as text, for the command line ({@code --faults} of {@link SandboxMain} and of
 * {@code ltx4j sandbox}): comma-separated {@code name[:ENDPOINT]=value} with the names {@code serverErrors},
 * {@code rateLimits}, {@code resets}, {@code bodyCuts}, {@code trickledBodies} (rates), {@code latencyMs}
 * (milliseconds), {@code resetAfterAccept}, {@code truncatedDownloads}, {@code jobFailureRate} (rates),
 * {@code trickleBytes}, {@code trickleMs}, {@code concurrencyLimit}, {@code urlLifetimeSeconds} and
 * {@code creditsLeft}. Example: {@code serverErrors:GET_JOB=0.2,bodyCuts:GENERATE=0.1,trickleMs=3000}. A name
 * without an endpoint applies to every endpoint, as the {@link Faults} method of that name does.
 */
public final class FaultText {
  private FaultText() {}

  /**
   * Sets the knobs the text names on {@code faults}, entry by entry.
   *
   * @return {@code faults}
   * @throws IllegalArgumentException naming the first entry it cannot read (the entries before it are applied)
   */
  public static Faults apply(Faults faults, String text) {
    for (String entry : text.split(",")) {
      if (!entry.isBlank()) {
        try {
          applyEntry(faults, entry.trim());
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("cannot read fault '" + entry.trim() + "': " + e.getMessage(), e);
        }
      }
    }
    return faults;
  }

  private static void applyEntry(Faults faults, String entry) {
    String[] nameValue = entry.split("=", 2);
    String[] nameEndpoint = nameValue[0].split(":", 2);
    Endpoint[] endpoints = nameEndpoint.length == 2
        ? new Endpoint[] {Endpoint.valueOf(nameEndpoint[1])} : new Endpoint[0];
    double value = Double.parseDouble(nameValue[1]);
    switch (nameEndpoint[0]) {
      case "serverErrors" -> faults.serverErrors(value, endpoints);
      case "rateLimits" -> faults.rateLimits(value, RetryHint.RETRY_AFTER_HEADER, Duration.ofSeconds(1), endpoints);
      case "resets" -> faults.resets(value, endpoints);
      case "latencyMs" -> faults.latency(Duration.ofMillis((long) value), endpoints);
      case "bodyCuts" -> faults.bodyCuts(value, endpoints);
      case "trickledBodies" -> faults.trickledBodies(value, endpoints);
      case "trickleBytes" -> faults.tricklePace((long) value, faults.tricklePause());
      case "trickleMs" -> faults.tricklePace(faults.trickleBytes(), Duration.ofMillis((long) value));
      case "resetAfterAccept" -> faults.resetAfterAccept(value);
      case "truncatedDownloads" -> faults.truncatedDownloads(value);
      case "jobFailureRate" -> faults.jobFailureRate(value);
      case "concurrencyLimit" -> faults.concurrencyLimit((int) value);
      case "urlLifetimeSeconds" -> faults.urlLifetime(Duration.ofMillis((long) (value * 1000)));
      case "creditsLeft" -> faults.creditsLeft(value);
      default -> throw new IllegalArgumentException("unknown fault " + nameEndpoint[0]);
    }
  }
}
