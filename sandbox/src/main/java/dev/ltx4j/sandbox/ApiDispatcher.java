package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Responses;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * The API listener: after the {@link Prelude} (count, body limit, request rate, faults, Basic auth), checks the request against
 * the spec, hands it to the operation's handler, and checks the handler's answer against the spec too.
 */
final class ApiDispatcher extends Dispatcher {
  private final State state;
  private final Generations generations;
  private final JobsApi jobs;
  private final AssetsApi assets;
  private final UploadsApi uploads;
  private final TeamsApi teams;
  private final Prelude prelude;

  ApiDispatcher(State state) {
    this.state = state;
    this.generations = new Generations(state);
    this.jobs = new JobsApi(state);
    this.assets = new AssetsApi(state);
    this.uploads = new UploadsApi(state);
    this.teams = new TeamsApi(state);
    this.prelude = Prelude.api(state);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.startsWith("/_admin/")) {
      return Admin.handle(state, request);
    }
    Route route = Route.of(request.getMethod(), path);
    return prelude.run(request, route.endpoint(), passed -> respond(route, passed));
  }

  private MockResponse respond(Route route, RecordedRequest request) {
    if (route.endpoint() == Endpoint.OTHER) {
      return Responses.reason(404, "Not found: " + request.getMethod() + " " + request.getUrl().encodedPath());
    }
    Optional<MockResponse> refused = state.refusals.answer(state.now());
    if (refused.isPresent()) {
      if (refused.get().getCode() == 429) {
        state.counters.rateLimitRefusal();
      }
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
      case LIST_TEAMS -> teams.list();
      case TEAM_LIMITS -> teams.limits(route.id());
      case GET_MODEL -> PublishedModel.answer(route.id(), state.settings.publishedInputs());
      default -> Responses.reason(404, "Not found");
    };
  }

  /** The answer, unless it breaks the spec and answers are checked ({@link SpecAnswers}). */
  private MockResponse checked(RecordedRequest request, MockResponse answer) {
    return state.settings.checkAnswers()
        ? SpecAnswers.checked(state.validator, request.getMethod(), request.getUrl().encodedPath(), answer)
        : answer;
  }

  private static String body(RecordedRequest request) {
    ByteString body = request.getBody();
    return body == null || body.size() == 0 ? null : body.utf8();
  }
}
