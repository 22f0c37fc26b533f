package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The team's ceiling as the service states it, in every form seen, and nothing when it does not say. */
class TeamCeilingTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void readsTheFirstTeamsParallelInferences() throws InterruptedException {
    server.enqueue(json("{\"teams\": [{\"id\": \"team_a1\", \"plan\": \"cu-pro\"}, {\"id\": \"team_b2\"}]}"));
    server.enqueue(json("{\"plan\": \"cu-pro\", \"limits\": {\"parallelInferences\": 8, \"creativeUnits\": 15000}}"));

    assertThat(client().teamConcurrencyCeiling()).hasValue(8);

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/teams");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/teams/team_a1/limits");
  }

  @Test
  void readsANumberWrittenAsAString() {
    server.enqueue(json("{\"teams\": [{\"id\": \"team_a1\"}]}"));
    server.enqueue(json("{\"limits\": {\"parallelInferences\": \"2\"}}"));

    assertThat(client().teamConcurrencyCeiling()).hasValue(2);
  }

  @Test
  void noLimitIsNoCeiling() {
    server.enqueue(json("{\"teams\": [{\"id\": \"team_a1\"}]}"));
    server.enqueue(json("{\"limits\": {\"parallelInferences\": -1}}"));

    assertThat(client().teamConcurrencyCeiling()).isEmpty();
  }

  @Test
  void aServiceThatDoesNotServeTheRouteStatesNothing() {
    server.enqueue(json(404, "{\"reason\": \"Not found\"}"));

    assertThat(client().teamConcurrencyCeiling()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aTeamIdThatIsNotOneIsNotUsedInAPath() {
    server.enqueue(json("{\"teams\": [{\"id\": \"../jobs\"}]}"));

    assertThat(client().teamConcurrencyCeiling()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private LtxClient client() {
    return TestClients.client(server, time);
  }
}
