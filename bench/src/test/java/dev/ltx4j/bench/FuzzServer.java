package dev.ltx4j.bench;

import dev.ltx4j.LtxClient;
import dev.ltx4j.sandbox.internal.NoDelaySockets;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A loopback server answering as {@code answer} says, and a client pointed at it that never retries. */
final class FuzzServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final LtxClient client;

  FuzzServer(Function<RecordedRequest, MockResponse> answer) throws IOException {
    server.setServerSocketFactory(new NoDelaySockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client = LtxClient.builder().baseUrl("http://127.0.0.1:" + server.getPort() + "/v1").apiKey("k").apiSecret("s")
        .maxRetries(0).readTimeout(Duration.ofSeconds(3)).operationTimeout(Duration.ofSeconds(5))
        .requestsPerMinute(1_000_000).build(); // thousands of fuzzed calls a minute, to a server of its own
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
