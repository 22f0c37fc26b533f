package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * {@code GET /v1/teams} (the sandbox's one team) and {@code GET /v1/teams/{id}/limits}: its ceiling as
 * {@code parallelInferences}, -1 when it has none.
 */
final class TeamRoutes {
  static final String TEAM_ID = "team_sandbox";
  private final Ceiling ceiling;

  TeamRoutes(Ceiling ceiling) {
    this.ceiling = ceiling;
  }

  MockResponse list() {
    return Responses.json(200, Map.of("teams", List.of(Map.of("id", TEAM_ID, "name", "Sandbox", "plan", "sandbox"))));
  }

  MockResponse limits(String teamId) {
    if (!TEAM_ID.equals(teamId)) {
      return Responses.reason(404, "Team not found");
    }
    int current = ceiling.current();
    Map<String, Object> limits = Map.of("parallelInferences", current > 0 ? current : -1, "inferenceBatchSize", 4);
    return Responses.json(200, Map.of("plan", "sandbox", "limits", limits));
  }
}
