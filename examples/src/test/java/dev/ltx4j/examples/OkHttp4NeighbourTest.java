package dev.ltx4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.model.JobStatus;
import dev.ltx4j.sandbox.Sandbox;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ltx4j beside a library built for OkHttp 4 (Anthropic's Java SDK): with the 4.x jar excluded both run on OkHttp 5
 * in one JVM, and each makes a real request (the SDK to a local stand-in for its API, ltx4j to its sandbox).
 */
class OkHttp4NeighbourTest {
  private static final String MESSAGE = "{\"id\": \"msg_1\", \"type\": \"message\", \"role\": \"assistant\","
      + " \"model\": \"claude-test\", \"content\": [{\"type\": \"text\", \"text\": \"A fox, then snow.\"}],"
      + " \"stop_reason\": \"end_turn\", \"stop_sequence\": null,"
      + " \"usage\": {\"input_tokens\": 3, \"output_tokens\": 5}}";

  @Test
  void bothClientsMakeARequestInTheSameJvm() throws Exception {
    HttpServer stand_in = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stand_in.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    stand_in.start();
    AnthropicClient anthropic = AnthropicOkHttpClient.builder().apiKey("test-key")
        .baseUrl("http://127.0.0.1:" + stand_in.getAddress().getPort()).build();
    try (Sandbox sandbox = Sandbox.builder().start(); LtxClient ltx = sandbox.newClient()) {
      Message message = anthropic.messages().create(MessageCreateParams.builder()
          .model("claude-test").maxTokens(16).addUserMessage("Describe a video").build());
      JobSnapshot job = ltx.generate(LtxRequest.builder().prompt(message.content().get(0).asText().text()).build(),
          WaitOptions.defaults());

      assertEquals("msg_1", message.id());
      assertEquals(JobStatus.SUCCESS, job.status());
      assertTrue(okhttp3.OkHttp.VERSION.startsWith("5."), "one OkHttp, version 5: " + okhttp3.OkHttp.VERSION);
    } finally {
      anthropic.close();
      stand_in.stop(0);
    }
  }
}
