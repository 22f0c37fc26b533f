package dev.ltx4j.sandbox;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which API operation a method and path name, with the path's id (empty when the path holds none). */
record Route(Endpoint endpoint, String id) {
  private record Rule(String method, Pattern path, Endpoint endpoint) {}

  private static final List<Rule> RULES = List.of(
      new Rule("POST", Pattern.compile("/v1/generate/custom/([^/]+)"), Endpoint.GENERATE),
      new Rule("GET", Pattern.compile("/v1/jobs"), Endpoint.LIST_JOBS),
      new Rule("GET", Pattern.compile("/v1/jobs/([^/]+)"), Endpoint.GET_JOB),
      new Rule("POST", Pattern.compile("/v1/jobs/([^/]+)/action"), Endpoint.JOB_ACTION),
      new Rule("GET", Pattern.compile("/v1/assets/([^/]+)"), Endpoint.GET_ASSET),
      new Rule("POST", Pattern.compile("/v1/assets/get-bulk"), Endpoint.GET_ASSETS_BULK),
      new Rule("POST", Pattern.compile("/v1/assets"), Endpoint.CREATE_ASSET),
      new Rule("POST", Pattern.compile("/v1/uploads"), Endpoint.CREATE_UPLOAD),
      new Rule("GET", Pattern.compile("/v1/uploads/([^/]+)"), Endpoint.GET_UPLOAD),
      new Rule("POST", Pattern.compile("/v1/uploads/([^/]+)/action"), Endpoint.UPLOAD_ACTION),
      new Rule("GET", Pattern.compile("/v1/teams"), Endpoint.LIST_TEAMS),
      new Rule("GET", Pattern.compile("/v1/teams/([^/]+)/limits"), Endpoint.TEAM_LIMITS),
      new Rule("GET", Pattern.compile("/v1/models/([^/]+)"), Endpoint.GET_MODEL));

  static Route of(String method, String path) {
    for (Rule rule : RULES) {
      Matcher matcher = rule.path().matcher(path);
      if (rule.method().equals(method) && matcher.matches()) {
        return new Route(rule.endpoint(), matcher.groupCount() > 0 ? matcher.group(1) : "");
      }
    }
    return new Route(Endpoint.OTHER, "");
  }
}
