package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Submission;
import dev.ltx4j.model.CameraMotion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start in a user's own project: OkHttp, Moshi and Kotlin as the user's Maven resolves them. */
class QuickStartTest {
  @Test
  void aSubmissionAndAJobAreReadThroughTheClientAlone() throws Exception {
    HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    answer(api, "/v1/generate/custom/model_ltx-2-3-fast",
        "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"queued\"}, \"creativeUnitsCost\": 2}");
    answer(api, "/v1/jobs/job_abc123", "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"success\","
        + " \"metadata\": {\"assetIds\": [\"asset_1\"]}}}");
    api.start();
    try (LtxClient client = LtxClient.builder().baseUrl("http://127.0.0.1:" + api.getAddress().getPort() + "/v1")
        .apiKey("key").apiSecret("secret").build()) {
      LtxRequest request = LtxRequest.builder()
          .prompt("A fantasy landscape")
          .durationSeconds(8)
          .cameraMotion(CameraMotion.DOLLY_IN)
          .build();
      Submission submission = client.submit(request);
      JobSnapshot job = client.getJob(submission.jobId());

      assertEquals("job_abc123", submission.jobId());
      assertEquals(List.of("asset_1"), job.assetIds());
    } finally {
      api.stop(0);
    }
  }

  private static void answer(HttpServer api, String path, String body) {
    api.createContext(path, exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }
}
