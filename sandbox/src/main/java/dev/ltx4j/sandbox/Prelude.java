package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * What every request meets before its handler, on either listener: it is counted, refused when its body is over
 * the listener's limit, on the API metered against the project's request rate (a call with the project's
 * credentials; others belong to no project), given the fault drawn for its endpoint (a reset, 5xx or 429 is the
 * answer; a body cut, trickle or latency shapes the handler's answer), and on the API checked for Basic auth. The
 * rate comes before the faults: the service's front door refuses a call before anything behind it can fail.
 */
final class Prelude {
  /** What a request that passed the prelude gets. */
  interface Handler {
    MockResponse handle(RecordedRequest request);
  }

  private final Counters counters;
  private final RequestRate rate;
  private final Faults faults;
  private final Clock clock;
  private final long bodyLimit;
  /** The expected {@code Authorization} header, or null where no credentials are asked (the CDN). */
  private final @Nullable String expectedAuth;
  /** Whether a simulated 429 carries the configured retry hint, as the API's do. */
  private final boolean retryHints;

  private Prelude(Counters counters, RequestRate rate, Faults faults, Clock clock, long bodyLimit,
      @Nullable String expectedAuth, boolean retryHints) {
    this.counters = counters;
    this.rate = rate;
    this.faults = faults;
    this.clock = clock;
    this.bodyLimit = bodyLimit;
    this.expectedAuth = expectedAuth;
    this.retryHints = retryHints;
  }

  /** The API's: its body limit, Basic auth with these credentials, 429s with retry hints. */
  static Prelude api(Counters counters, RequestRate rate, Faults faults, Clock clock, String apiKey,
      String apiSecret) {
    String credentials = apiKey + ":" + apiSecret;
    return new Prelude(counters, rate, faults, clock, BodyLimits.API,
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)), true);
  }

  /** The CDN's: the part body limit, no credentials, bare 429s. */
  static Prelude cdn(Counters counters, RequestRate rate, Faults faults, Clock clock) {
    return new Prelude(counters, rate, faults, clock, BodyLimits.CDN_PART, null, false);
  }

  MockResponse run(RecordedRequest request, Endpoint endpoint, Handler handler) {
    counters.request(endpoint);
    Optional<MockResponse> tooLarge = BodyLimits.refusal(request, bodyLimit);
    if (tooLarge.isPresent()) {
      return tooLarge.get();
    }
    boolean authorized = expectedAuth != null && expectedAuth.equals(request.getHeaders().get("Authorization"));
    OptionalLong wait = authorized ? rate.admit(clock.instant()) : OptionalLong.empty();
    if (wait.isPresent()) {
      counters.rateLimitRefusal();
      return Refusals.rateUsedUp(Duration.ofNanos(wait.getAsLong()));
    }
    Faults.Decision fault = faults.decide(endpoint);
    FaultKind kind = fault.kind();
    MockResponse response = kind == FaultKind.RESET ? FaultEffects.reset()
        : kind == FaultKind.SERVER_ERROR ? Responses.message(fault.status(), "Internal server error (simulated)")
        : kind == FaultKind.RATE_LIMIT ? rateLimited()
        : expectedAuth != null && !authorized ? Responses.message(401, "Unauthorized") : handler.handle(request);
    return FaultEffects.apply(faults, counters, endpoint, fault, response);
  }

  private MockResponse rateLimited() {
    if (!retryHints) {
      return Responses.message(429, "Too many requests (simulated)");
    }
    long seconds = Math.max(1, faults.retryAfter().toSeconds());
    RetryHint hint = faults.retryHint();
    MockResponse response = Responses.json(429, Json.object("reason", "Too many requests (simulated)",
        "remainingSeconds", hint == RetryHint.REMAINING_SECONDS ? seconds : null));
    return hint == RetryHint.RETRY_AFTER_HEADER
        ? response.newBuilder().setHeader("Retry-After", seconds).build() : response;
  }
}
