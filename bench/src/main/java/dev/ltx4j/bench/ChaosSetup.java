package dev.ltx4j.bench;

import dev.ltx4j.LtxClient;
import dev.ltx4j.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** The sandbox and client a chaos run uses: short job phases, a fresh render cache, a patient client. */
public final class ChaosSetup {
  /**
   * The client's read timeout: shorter than the pause of a trickled body ({@link ChaosFaults#TRICKLE_PAUSE}), so
   * that a trickle really times out mid-body, and long enough that a busy machine does not time out a healthy read.
   */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  private ChaosSetup() {}

  /** A sandbox ten times faster than the documented phases, rendering into {@code videoCache}. */
  public static Sandbox sandbox(Path videoCache) {
    return sandbox(videoCache, false);
  }

  /** The same, answering in the real-world variant forms when {@code realWorldVariants} is true. */
  public static Sandbox sandbox(Path videoCache, boolean realWorldVariants) {
    return Sandbox.builder().seed(7).timeScale(0.1).videoCache(videoCache).realWorldVariants(realWorldVariants)
        .start();
  }

  /**
   * A client that retries reads more (6 instead of 2: at 26 % faults, three in a row happen every ~60 reads),
   * gives up on a read after {@link #READ_TIMEOUT} of silence, and whose poll budget does not throttle a thousand
   * waits on loopback.
   */
  public static LtxClient client(Sandbox sandbox) {
    return sandbox.clientBuilder().maxRetries(6).readTimeout(READ_TIMEOUT).requestsPerMinute(600_000).build();
  }

  /** Deletes a directory tree. */
  public static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
