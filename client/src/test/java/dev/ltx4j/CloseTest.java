package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code close()} closes every connection and thread the client opened, those of its downloads included. */
class CloseTest {
  @Test
  void closeLeavesNoConnectionOrThreadOfTheClientOpen(@TempDir Path dir) throws Exception {
    try (RawServer server = new RawServer(CloseTest::answer)) {
      LtxClient client = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(server.baseUrl()).build();
      client.getJob("job_abc123"); // a blocking call, watched for interrupts by a thread of the client's
      client.assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults());
      assertThat(server.openConnections()).as("an API and a download connection kept alive").isEqualTo(2);

      client.close();

      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while ((server.openConnections() > 0 || watchThreads() > 0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(server.openConnections()).isZero();
      assertThat(watchThreads()).isZero();
      assertThatThrownBy(() -> client.getJob("job_abc123")).isInstanceOf(ClientClosedException.class);
    }
  }

  private static long watchThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ltx4j-")).count();
  }

  private static void answer(String head, java.net.Socket socket) throws java.io.IOException {
    if (head.startsWith("GET /v1/jobs/")) {
      RawServer.write(socket, 200, "application/json", "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"queued\"}}");
    } else if (head.startsWith("GET /v1/assets/")) {
      RawServer.write(socket, 200, "application/json", "{\"asset\": {\"id\": \"asset_abc123\", \"url\":"
          + " \"http://127.0.0.1:" + socket.getLocalPort() + "/cdn/v.mp4\"}}");
    } else {
      RawServer.write(socket, 200, "video/mp4", "video");
    }
  }
}
