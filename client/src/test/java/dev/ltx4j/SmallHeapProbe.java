package dev.ltx4j;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;

/**
 * Run in a JVM with a 64 MB heap by {@link SmallHeapTest}: serves oversized answers to one client and prints, per
 * case, what the call ended with ({@code case=ExceptionName}, or {@code case=ok}), or {@code case=hung}.
 */
public final class SmallHeapProbe {
  private SmallHeapProbe() {}

  public static void main(String[] args) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      LtxClient client = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(server.url("/v1").toString())
          .sleeper(delay -> CompletableFuture.completedFuture(null)).build();
      LtxClient unbounded = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl(server.url("/v1").toString())
          .maxResponseBytes(Long.MAX_VALUE).maxRetries(0).build();

      server.enqueue(new MockResponse.Builder().body(HugeBody.job(1L << 30)).build());
      report("json-1GiB", client);
      for (int i = 0; i < 3; i++) {
        server.enqueue(new MockResponse.Builder().code(500).body(new HugeBody("{\"message\": \"", 500L << 20, "\"}")).build());
      }
      report("error-500MB", client);
      server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip").body(gzippedJob(256L << 20)).build());
      report("gzip-256MiB", client);
      server.enqueue(TestClients.json(TestClients.JOB_QUEUED));
      report("normal-after", client);
      server.enqueue(new MockResponse.Builder().body(HugeBody.job(1L << 30)).build());
      report("unbounded-1GiB", unbounded);
      server.enqueue(TestClients.json(TestClients.JOB_QUEUED));
      report("unbounded-normal-after", unbounded);
    }
    System.exit(0);
  }

  private static void report(String name, LtxClient client) {
    String outcome;
    try {
      client.getJobAsync("job_abc123").get(60, TimeUnit.SECONDS);
      outcome = "ok";
    } catch (java.util.concurrent.TimeoutException e) {
      outcome = "hung";
    } catch (java.util.concurrent.ExecutionException e) {
      outcome = e.getCause().getClass().getSimpleName();
      System.err.println(name + ": " + e.getCause());
    } catch (InterruptedException e) {
      outcome = "interrupted";
    }
    System.out.println(name + "=" + outcome);
    System.out.flush();
  }

  private static Buffer gzippedJob(long size) throws IOException {
    Buffer out = new Buffer();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out.outputStream())) {
      BufferedSink sink = Okio.buffer(Okio.sink(gzip));
      HugeBody.job(size).writeTo(sink);
      sink.flush();
    }
    return out;
  }

}
