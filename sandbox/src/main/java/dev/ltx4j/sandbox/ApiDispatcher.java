package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * The API listener: counts the request, refuses oversized bodies, draws faults, checks Basic auth and the spec,
 * then hands the request to the operation's handler, and checks the handler's answer against the spec too.
 */
final class ApiDispatcher extends Dispatcher {
  private final State state;
  private final Generations generations;
  private final JobsApi jobs;
  private final AssetsApi assets;
  private final UploadsApi uploads;
  private final String expectedAuth;

  ApiDispatcher(State state) {
    this.state = state;
    this.generations = new Generations(state);
    this.jobs = new JobsApi(state);
    this.assets = new AssetsApi(state);
    this.uploads = new UploadsApi(state);
    String credentials = state.settings.apiKey() + ":" + state.settings.apiSecret();
    this.expectedAuth = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.startsWith("/_admin/")) {
      return Admin.handle(state, request);
    }
    Route route = Route.of(request.getMethod(), path);
    state.counters.request(route.endpoint());
    Optional<MockResponse> tooLarge = BodyLimits.refusal(request, BodyLimits.API);
    if (tooLarge.isPresent()) {
      return tooLarge.get();
    }
    Faults.Decision fault = state.faults.decide(route.endpoint());
    return FaultEffects.apply(state, route.endpoint(), fault, respond(route, request, fault));
  }

  private MockResponse respond(Route route, RecordedRequest request, Faults.Decision fault) {
    switch (fault.kind()) {
      case RESET:
        return FaultEffects.reset();
      case SERVER_ERROR:
        return Responses.message(fault.status(), "Internal server error (simulated)");
      case RATE_LIMIT:
        return rateLimited();
      default:
        break;
    }
    if (!expectedAuth.equals(request.getHeaders().get("Authorization"))) {
      return Responses.message(401, "Unauthorized");
    }
    if (route.endpoint() == Endpoint.OTHER) {
      return Responses.reason(404, "Not found: " + request.getMethod() + " " + request.getUrl().encodedPath());
    }
    Optional<MockResponse> refused = state.refusals.answer(state.now());
    if (refused.isPresent()) {
      return checked(request, refused.get());
    }
    String body = body(request);
    Optional<String> invalid = state.validator.check(request.getMethod(), request.getUrl(),
        request.getHeaders().get("Content-Type"), body);
    if (invalid.isPresent()) {
      return Responses.reason(400, invalid.get());
    }
    return checked(request, handle(route, request, body));
  }

  private MockResponse handle(Route route, RecordedRequest request, String body) {
    return switch (route.endpoint()) {
      case GENERATE -> generations.generate(route.id(), request.getUrl(), body);
      case GET_JOB -> jobs.get(route.id());
      case LIST_JOBS -> jobs.list(request.getUrl());
      case JOB_ACTION -> jobs.act(route.id());
      case GET_ASSET -> assets.get(route.id());
      case CREATE_ASSET -> assets.create(body);
      case CREATE_UPLOAD -> uploads.create(body);
      case GET_UPLOAD -> uploads.get(route.id());
      case UPLOAD_ACTION -> uploads.complete(route.id());
      default -> Responses.reason(404, "Not found");
    };
  }

  /** The answer, unless it breaks the spec and answers are checked ({@link SpecAnswers}). */
  private MockResponse checked(RecordedRequest request, MockResponse answer) {
    return state.settings.checkAnswers()
        ? SpecAnswers.checked(state.validator, request.getMethod(), request.getUrl().encodedPath(), answer)
        : answer;
  }

  private MockResponse rateLimited() {
    long seconds = Math.max(1, state.faults.retryAfter().toSeconds());
    RetryHint hint = state.faults.retryHint();
    MockResponse response = Responses.json(429, Json.object("reason", "Too many requests (simulated)",
        "remainingSeconds", hint == RetryHint.REMAINING_SECONDS ? seconds : null));
    return hint == RetryHint.RETRY_AFTER_HEADER
        ? response.newBuilder().setHeader("Retry-After", seconds).build() : response;
  }

  private static String body(RecordedRequest request) {
    ByteString body = request.getBody();
    return body == null || body.size() == 0 ? null : body.utf8();
  }
}
