package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.SpecValidator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The API listener: after the {@link Prelude} (count, body limit, request rate, faults, Basic auth), checks the request against
 * the spec, hands it to the operation's handler, and checks the handler's answer against the spec too.
 */
final class ApiDispatcher extends Dispatcher {
  /** The operations' handlers, and the edit of the published model's inputs. */
  record Handlers(Generations generations, JobRoutes jobs, AssetRoutes assets, UploadRoutes uploads,
      TeamRoutes teams, UnaryOperator<List<Map<String, Object>>> publishedInputs) {}

  private final Prelude prelude;
  private final Admin admin;
  private final Handlers handlers;
  private final Refusals refusals;
  private final Counters counters;
  private final Clock clock;
  private final SpecValidator validator;
  private final boolean checkAnswers;
  private final Set<Endpoint> absent;

  /**
   * @param checkAnswers whether answers are held to the spec ({@link SpecAnswers})
   * @param absent operations answered as an unknown path is, as by a service that does not have them yet
   */
  ApiDispatcher(Prelude prelude, Admin admin, Handlers handlers, Refusals refusals, Counters counters, Clock clock,
      SpecValidator validator, boolean checkAnswers, Set<Endpoint> absent) {
    this.prelude = prelude;
    this.admin = admin;
    this.handlers = handlers;
    this.refusals = refusals;
    this.counters = counters;
    this.clock = clock;
    this.validator = validator;
    this.checkAnswers = checkAnswers;
    this.absent = Set.copyOf(absent);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.startsWith("/_admin/")) {
      return admin.handle(request);
    }
    Route route = Route.of(request.getMethod(), path);
    return prelude.run(request, route.endpoint(), passed -> respond(route, passed));
  }

  private MockResponse respond(Route route, RecordedRequest request) {
    if (route.endpoint() == Endpoint.OTHER || absent.contains(route.endpoint())) {
      return Responses.reason(404, "Not found: " + request.getMethod() + " " + request.getUrl().encodedPath());
    }
    Optional<MockResponse> refused = refusals.answer(clock.instant());
    if (refused.isPresent()) {
      if (refused.get().getCode() == 429) {
        counters.rateLimitRefusal();
      }
      return checked(request, refused.get());
    }
    String body = body(request);
    Optional<String> invalid = validator.check(request.getMethod(), request.getUrl(),
        request.getHeaders().get("Content-Type"), body);
    if (invalid.isPresent()) {
      return Responses.reason(400, invalid.get());
    }
    return checked(request, handle(route, request, body));
  }

  private MockResponse handle(Route route, RecordedRequest request, @Nullable String body) {
    return switch (route.endpoint()) {
      case GENERATE -> handlers.generations().generate(route.id(), request.getUrl(), body);
      case GET_JOB -> handlers.jobs().get(route.id());
      case LIST_JOBS -> handlers.jobs().list(request.getUrl());
      case JOB_ACTION -> handlers.jobs().act(route.id());
      case GET_ASSET -> handlers.assets().get(route.id());
      case GET_ASSETS_BULK -> handlers.assets().getBulk(body);
      case CREATE_ASSET -> handlers.assets().create(body);
      case CREATE_UPLOAD -> handlers.uploads().create(body);
      case GET_UPLOAD -> handlers.uploads().get(route.id());
      case UPLOAD_ACTION -> handlers.uploads().complete(route.id());
      case LIST_TEAMS -> handlers.teams().list();
      case TEAM_LIMITS -> handlers.teams().limits(route.id());
      case GET_MODEL -> PublishedModel.answer(route.id(), handlers.publishedInputs());
      default -> Responses.reason(404, "Not found");
    };
  }

  /** The answer, unless it breaks the spec and answers are checked ({@link SpecAnswers}). */
  private MockResponse checked(RecordedRequest request, MockResponse answer) {
    return checkAnswers
        ? SpecAnswers.checked(validator, request.getMethod(), request.getUrl().encodedPath(), answer)
        : answer;
  }

  private static @Nullable String body(RecordedRequest request) {
    ByteString body = request.getBody();
    return body == null || body.size() == 0 ? null : body.utf8();
  }
}
