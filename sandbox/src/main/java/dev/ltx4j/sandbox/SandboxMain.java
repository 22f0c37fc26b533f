package dev.ltx4j.sandbox;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a sandbox until the process is stopped, printing how to reach it as environment assignments the client
 * reads ({@code LTX4J_BASE_URL=…}, {@code SCENARIO_SDK_API_KEY=…}, …).
 *
 * <pre>
 * java -cp … dev.ltx4j.sandbox.SandboxMain [--port 0] [--cdn-port 0] [--host 127.0.0.1]
 *     [--api-key K] [--api-secret S] [--seed 42] [--time-scale 1.0] [--url-lifetime-seconds 86400]
 *     [--video-cache DIR] [--faults serverErrors:GET_JOB=0.2,latencyMs=150] [--real-world]
 *     [--requests-per-minute 100] [--ceiling 0] [--no-bulk-asset-reads]
 * </pre>
 *
 * Standalone, the sandbox stands in for the service, so it meters the project's request rate as the service does
 * ({@value Sandbox#SERVICE_REQUESTS_PER_MINUTE} a sandbox minute unless {@code --requests-per-minute} says
 * otherwise, 0 = no limit); {@code --ceiling n} is the team's concurrency ceiling (default 0, none).
 * {@code --real-world} answers in the variant forms of {@link Sandbox.Builder#realWorldVariants(boolean)};
 * {@code --no-bulk-asset-reads} is {@link Sandbox.Builder#bulkAssetReads(boolean) bulkAssetReads(false)}. The CLI's
 * {@code ltx4j sandbox} serves through {@link #serve(Sandbox, PrintWriter)} too.
 */
public final class SandboxMain {
  private SandboxMain() {}

  /** Starts the sandbox and blocks until the process ends. */
  public static void main(String[] args) throws InterruptedException {
    Sandbox sandbox;
    try {
      sandbox = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("ltx4j sandbox: " + e.getMessage());
      System.exit(2);
      return;
    }
    awaitShutdown(sandbox);
  }

  /**
   * Serves a started sandbox standalone: prints the environment a client needs to reach it (as {@link #start} does),
   * then blocks until the process is stopped, closing the sandbox on the way out.
   *
   * @throws InterruptedException if the waiting thread is interrupted (the sandbox stays open until shutdown)
   */
  public static void serve(Sandbox sandbox, PrintWriter out) throws InterruptedException {
    printEnvironment(sandbox, out);
    awaitShutdown(sandbox);
  }

  private static void awaitShutdown(Sandbox sandbox) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "ltx4j-sandbox-shutdown"));
    stopped.await();
  }

  /**
   * Starts a sandbox from command-line arguments and prints where it listens.
   *
   * @throws IllegalArgumentException for an unknown option or a bad value
   */
  public static Sandbox start(String[] args, PrintStream out) {
    Sandbox.Builder builder = Sandbox.builder().requestsPerMinute(Sandbox.SERVICE_REQUESTS_PER_MINUTE);
    String key = Sandbox.DEFAULT_API_KEY;
    String secret = Sandbox.DEFAULT_API_SECRET;
    String faults = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--real-world")) {
        builder.realWorldVariants(true);
        continue;
      }
      if (option.equals("--no-bulk-asset-reads")) {
        builder.bulkAssetReads(false);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--cdn-port" -> builder.cdnPort(Integer.parseInt(value));
        case "--host" -> builder.host(value);
        case "--api-key" -> key = value;
        case "--api-secret" -> secret = value;
        case "--seed" -> builder.seed(Long.parseLong(value));
        case "--time-scale" -> builder.timeScale(Double.parseDouble(value));
        case "--url-lifetime-seconds" -> builder.urlLifetime(Duration.ofSeconds(Long.parseLong(value)));
        case "--video-cache" -> builder.videoCache(Path.of(value));
        case "--faults" -> faults = value;
        case "--requests-per-minute" -> builder.requestsPerMinute(Integer.parseInt(value));
        case "--ceiling" -> builder.concurrencyCeiling(Integer.parseInt(value));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    Sandbox sandbox = builder.credentials(key, secret).start();
    if (faults != null) {
      try {
        FaultText.apply(sandbox.faults(), faults);
      } catch (IllegalArgumentException e) {
        sandbox.close();
        throw e;
      }
    }
    printEnvironment(sandbox, new PrintWriter(out, true));
    return sandbox;
  }

  /** The client's own environment variables (so {@code LtxClient.fromEnv()} finds it), one assignment a line. */
  private static void printEnvironment(Sandbox sandbox, PrintWriter out) {
    out.println("LTX4J_BASE_URL=" + sandbox.baseUrl());
    out.println("SCENARIO_SDK_API_KEY=" + sandbox.apiKey());
    out.println("SCENARIO_SDK_API_SECRET=" + sandbox.apiSecret());
    out.println("LTX4J_SANDBOX_CDN_URL=" + sandbox.cdnUrl());
    out.println("LTX4J_SANDBOX_ADMIN_URL=" + sandbox.baseUrl().replaceFirst("/v1$", "/_admin/counters"));
    out.flush();
  }
}
