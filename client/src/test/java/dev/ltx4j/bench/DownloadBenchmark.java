package dev.ltx4j.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ltx4j.DownloadOptions;
import dev.ltx4j.LtxClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Download benchmark on loopback: one file served with Range support, fetched by ltx4j and by {@code curl -o} in
 * the same run, alternating, each writing a new file. Prints throughput (median and best of the runs, and the
 * ratios of the medians), ltx4j's heap growth during the download, and the extra bytes a resume costs after a cut
 * halfway; the last line holds the figures. Run: {@code mvn -q -pl client test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.ltx4j.bench.DownloadBenchmark [-Dexec.args="MIB RUNS [ltx4j]"]}
 * (default 1024 MiB, 5 runs; needs twice the size on disk under {@code -Dbench.dir}, default the temporary folder).
 * {@code ltx4j} as the third argument runs ltx4j alone, for a profiler.
 */
public final class DownloadBenchmark {
  private final AtomicLong bytesServed = new AtomicLong();
  private final AtomicBoolean cutNext = new AtomicBoolean();
  private final Path file;
  private final long size;

  private DownloadBenchmark(Path file) throws IOException {
    this.file = file;
    this.size = Files.size(file);
  }

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean onlyLtx4j = args.length > 2 && args[2].equals("ltx4j"); // for a profiler: no curl, no resume
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
        "ltx4j-download-bench");
    Path source = dir.resolve("source.bin");
    writeRandom(source, mib << 20);
    DownloadBenchmark bench = new DownloadBenchmark(source);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/files/", bench::serve);
    server.createContext("/v1/assets/", exchange -> bench.asset(exchange, server.getAddress().getPort()));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String loadBefore = loadAverage();
    try (LtxClient client = LtxClient.builder().apiKey("bench").apiSecret("bench").baseUrl(base + "/v1").build()) {
      double[] ltx4j = new double[runs];
      double[] curl = new double[runs];
      double[] curlSynced = new double[runs];
      double[] cpu = new double[runs];
      long heapGrowth = 0;
      for (int run = 0; run < runs; run++) {
        if (!onlyLtx4j) {
          curl[run] = bench.timeCurl(base + "/files/source.bin?Signature=x", dir.resolve("curl.bin"), false);
          curlSynced[run] = bench.timeCurl(base + "/files/source.bin?Signature=x", dir.resolve("curl.bin"), true);
        }
        long[] peak = {usedHeap()};
        long before = peak[0];
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        client.assets().download("asset_big", dir.resolve("ltx4j.bin"), DownloadOptions.defaults().withOverwrite(true)
            .withListener((bytes, total) -> {
              if ((bytes & ((64 << 20) - 1)) < (1 << 20)) {
                peak[0] = Math.max(peak[0], used());
              }
            }));
        ltx4j[run] = bench.size / ((System.nanoTime() - started) / 1e9) / (1 << 20);
        cpu[run] = (processCpuNanos() - cpuBefore) / 1e9;
        heapGrowth = Math.max(heapGrowth, peak[0] - before);
        if (Files.mismatch(source, dir.resolve("ltx4j.bin")) != -1) {
          throw new AssertionError("ltx4j's copy differs from the source");
        }
        Files.delete(dir.resolve("ltx4j.bin")); // each tool writes a new file, as curl -o does
      }
      long served = 0;
      boolean identical = true;
      if (!onlyLtx4j) {
        bench.cutNext.set(true);
        bench.bytesServed.set(0);
        client.assets().download("asset_big", dir.resolve("resumed.bin"), DownloadOptions.defaults().withOverwrite(true));
        served = bench.bytesServed.get();
        identical = Files.mismatch(source, dir.resolve("resumed.bin")) == -1;
      }
      double ltxMedian = median(ltx4j);
      double curlMedian = median(curl);
      double syncedMedian = median(curlSynced);
      System.out.printf("Download benchmark: %d MiB over loopback, %d runs each, alternating; load average %s before,"
          + " %s after%n", mib, runs, loadBefore, loadAverage());
      System.out.printf("ltx4j      median %5.0f MiB/s, best %5.0f   runs %s%n", ltxMedian, max(ltx4j),
          Arrays.toString(round(ltx4j)));
      System.out.printf("ltx4j      CPU seconds per download, this process (the server's thread included): median"
          + " %.2f, runs %s%n", median(cpu), Arrays.toString(Arrays.stream(cpu).map(c -> Math.round(c * 100) / 100.0)
          .toArray()));
      System.out.printf("curl       median %5.0f MiB/s, best %5.0f   runs %s%n", curlMedian, max(curl),
          Arrays.toString(round(curl)));
      System.out.printf("curl+sync  median %5.0f MiB/s, best %5.0f   runs %s (curl -o, then sync of the file: ltx4j"
          + " syncs too)%n", syncedMedian, max(curlSynced), Arrays.toString(round(curlSynced)));
      System.out.printf("best-run ratios: ltx4j/curl %.2f, ltx4j/(curl+sync) %.2f%n", max(ltx4j) / max(curl),
          max(ltx4j) / max(curlSynced));
      System.out.printf("heap growth during a download (sampled every 64 MiB, garbage included): %.1f MB (aim <= 32 MB)%n",
          heapGrowth / 1e6);
      System.out.printf("cut at half, resumed: %d bytes served for %d, identical: %s%n", served, bench.size, identical);
      if (!identical) {
        throw new AssertionError("the resumed copy differs from the source");
      }
      System.out.printf("ratio_vs_curl=%.2f ratio_vs_curl_sync=%.2f heap_growth_mb=%.1f resume_extra=%d%n",
          ltxMedian / curlMedian, ltxMedian / syncedMedian, heapGrowth / 1e6, onlyLtx4j ? -1 : served - bench.size);
    } finally {
      server.stop(0);
      try (var files = Files.list(dir)) {
        files.forEach(path -> path.toFile().delete());
      }
      Files.deleteIfExists(dir);
      System.exit(0);
    }
  }

  private void asset(HttpExchange exchange, int port) throws IOException {
    byte[] body = ("{\"asset\": {\"id\": \"asset_big\", \"mimeType\": \"video/mp4\", \"url\": \"http://127.0.0.1:" + port
        + "/files/source.bin?Signature=x\"}}").getBytes();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    long from = range == null ? 0 : Long.parseLong(range.substring(6, range.indexOf('-')));
    long length = size - from;
    long limit = cutNext.getAndSet(false) ? size / 2 : length;
    exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
    if (range != null) {
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
    }
    exchange.sendResponseHeaders(range == null ? 200 : 206, length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(channel.position(from));
        OutputStream out = exchange.getResponseBody()) {
      byte[] buffer = new byte[256 * 1024];
      long sent = 0;
      for (int n; sent < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent))) > 0; ) {
        out.write(buffer, 0, n);
        sent += n;
        bytesServed.addAndGet(n);
      }
      if (sent < length) {
        exchange.close(); // cut the connection: the client sees a short body
      }
    }
  }

  private double timeCurl(String url, Path target, boolean sync) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process curl = new ProcessBuilder("curl", "-s", "-o", target.toString(), url).inheritIO().start();
    if (curl.waitFor() != 0) {
      throw new IOException("curl failed");
    }
    if (sync && new ProcessBuilder("sync", target.toString()).inheritIO().start().waitFor() != 0) {
      throw new IOException("sync failed");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Files.delete(target);
    return size / seconds / (1 << 20);
  }

  private static void writeRandom(Path path, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    try (OutputStream out = Files.newOutputStream(path)) {
      for (long written = 0; written < bytes; written += block.length) {
        block[0]++;
        out.write(block, 0, (int) Math.min(block.length, bytes - written));
      }
    }
  }

  private static long usedHeap() {
    System.gc();
    return used();
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long[] round(double[] values) {
    return Arrays.stream(values).mapToLong(Math::round).toArray();
  }
}
