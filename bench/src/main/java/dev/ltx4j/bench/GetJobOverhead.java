package dev.ltx4j.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One get-job request through {@link LtxClient#getJob} against the same request made with a bare OkHttp call that
 * reads the body as text, both to a JDK HTTP server on loopback answering the documented job body. The forked JVM
 * sets {@code sun.net.httpserver.nodelay}: without it the server waits on delayed ACKs and both sides measure 40 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GetJobOverhead {
  static final byte[] JOB = ("{\"job\":{\"jobId\":\"job_abc123\",\"jobType\":\"custom\",\"status\":\"in-progress\","
      + "\"progress\":0.42,\"createdAt\":\"2026-07-29T10:00:00.000Z\",\"updatedAt\":\"2026-07-29T10:00:21.000Z\","
      + "\"statusHistory\":[{\"status\":\"queued\",\"date\":\"2026-07-29T10:00:00.000Z\"},"
      + "{\"status\":\"in-progress\",\"date\":\"2026-07-29T10:00:05.000Z\"}],"
      + "\"billing\":{\"cuCost\":2,\"cuDiscount\":0}}}").getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  private ExecutorService serverThreads;
  private LtxClient client;
  private OkHttpClient raw;
  private Request rawRequest;

  @Setup
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/jobs/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, JOB.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(JOB);
      }
    });
    serverThreads = Executors.newFixedThreadPool(1);
    server.setExecutor(serverThreads);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    // A budget that always has a permit: the queue for it is measured, not the project's 100 requests a minute.
    client = LtxClient.builder().baseUrl(base).apiKey("key").apiSecret("secret")
        .requestBudget(now -> Duration.ZERO).build();
    raw = new OkHttpClient();
    rawRequest = new Request.Builder().url(base + "/jobs/job_abc123")
        .header("Authorization", Credentials.basic("key", "secret")).build();
  }

  @TearDown
  public void stop() {
    client.close();
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  /** ltx4j: auth, the request budget, retry bookkeeping, sent from this thread, Moshi decoding into a snapshot. */
  @Benchmark
  public JobSnapshot ltx4jGetJob() {
    return client.getJob("job_abc123");
  }

  /**
   * A second baseline: the same OkHttp request enqueued on OkHttp's dispatcher and joined, the cost of a blocking
   * call made by joining an asynchronous one (a hop to a dispatcher thread and back).
   */
  @Benchmark
  public String rawOkHttpAsyncJoined() {
    CompletableFuture<String> result = new CompletableFuture<>();
    raw.newCall(rawRequest).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        result.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) throws IOException {
        try (response) {
          result.complete(response.body().string());
        }
      }
    });
    return result.join();
  }

  /** The baseline: the same request with OkHttp on the caller's thread, the body read as text. */
  @Benchmark
  public String rawOkHttp() throws IOException {
    try (Response response = raw.newCall(rawRequest).execute()) {
      return response.body().string();
    }
  }
}
