package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's clock is not trusted alone: absurd job times change nothing a caller can see. */
class HostileClockTest {
  private static final LtxRequest REQUEST = LtxRequest.builder().prompt("A fantasy landscape").build();

  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @ParameterizedTest
  @ValueSource(strings = {"-300000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "+300000000-01-01T00:00:00Z"})
  void jobsCreatedAtAnAbsurdTimeLeaveLaterGenerationsPromptAndWhole(String createdAt) {
    AtomicInteger submitted = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("POST")) {
          return json("{\"job\": {\"jobId\": \"job_" + submitted.incrementAndGet() + "\", \"status\": \"queued\","
              + " \"createdAt\": \"" + createdAt + "\"}}");
        }
        String id = request.getUrl().pathSegments().get(2);
        // Every job succeeds at once, by the service's clock as absurd as its creation time.
        return json("{\"job\": {\"jobId\": \"" + id + "\", \"status\": \"success\", \"createdAt\": \"" + createdAt
            + "\", \"updatedAt\": \"" + time.instant() + "\", \"statusHistory\": [{\"status\": \"success\","
            + " \"date\": \"" + time.instant() + "\"}], \"metadata\": {\"assetIds\": [\"asset_" + id + "\"]}}}");
      }
    });
    LtxClient client = TestClients.client(server, time);
    client.generate(REQUEST, WaitOptions.defaults());
    client.generate(REQUEST, WaitOptions.defaults());

    Instant start = time.instant();
    JobSnapshot third = client.generate(REQUEST, WaitOptions.builder().deadline(Duration.ofSeconds(30)).build());

    assertThat(third.id()).contains("job_3");
    assertThat(Duration.between(start, time.instant())).as("read soon after it finished")
        .isLessThanOrEqualTo(Duration.ofSeconds(3));
  }
}
