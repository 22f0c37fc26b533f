package dev.ltx4j.cli;

import dev.ltx4j.sandbox.Sandbox;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The process behind {@link SharedSandbox}: a sandbox with the in-process defaults (no rate limit, no ceiling,
 * generations of a few seconds) that publishes its address and ends after a quiet spell. It was started by a command
 * in the user's terminal, so it ignores the terminal's Ctrl-C and hang-up, which reach every process of that command's
 * group; SIGTERM ({@code ltx4j sandbox --stop}) ends it.
 */
final class BackgroundSandbox {
  private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
  /** Held so that its level stays: commands check that the sandbox listens by connecting without a request. */
  private static final java.util.logging.Logger SERVER_LOG =
      java.util.logging.Logger.getLogger("mockwebserver3.MockWebServer");

  private BackgroundSandbox() {}

  static int serve(SharedSandbox shared, Duration idle) throws InterruptedException {
    ignoreTerminalSignals();
    SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
    Sandbox.Builder builder = Sandbox.builder();
    if (System.getProperty(Sandbox.VIDEO_CACHE_PROPERTY) == null && System.getenv(Sandbox.VIDEO_CACHE_ENV) == null) {
      builder.videoCache(shared.folder().resolve("videos")); // the user's cache folder, not the shared temp folder
    }
    Sandbox sandbox = builder.start();
    long pid = ProcessHandle.current().pid();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shared.withdraw(pid);
      sandbox.close();
      stopped.countDown();
    }, "ltx4j-sandbox-shutdown"));
    try {
      shared.publish(new SharedSandbox.Endpoint(sandbox.baseUrl(), sandbox.apiKey(), sandbox.apiSecret(), pid));
    } catch (IOException e) {
      System.err.println("ltx4j sandbox: cannot publish the address in " + shared.folder() + ": " + e.getMessage());
      return ExitCodes.NETWORK;
    }
    System.err.println("Sandbox " + pid + " at " + sandbox.baseUrl() + "; ends after " + idle.toMinutes()
        + " min without a request.");
    long seen = requests(sandbox);
    long quietSince = System.nanoTime();
    while (!stopped.await(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
      long now = requests(sandbox);
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince >= idle.toNanos()) {
        System.err.println("Sandbox " + pid + ": no request for " + idle.toMinutes() + " min, stopping.");
        break; // the shutdown hook withdraws the address and closes the sandbox
      }
    }
    return ExitCodes.OK;
  }

  private static long requests(Sandbox sandbox) {
    return sandbox.counters().requests().values().stream().mapToLong(Long::longValue).sum();
  }

  @SuppressWarnings("removal")
  private static void ignoreTerminalSignals() {
    for (String name : new String[] {"INT", "HUP"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
      } catch (IllegalArgumentException e) {
        // a signal this platform lacks (HUP on Windows)
      }
    }
  }
}
