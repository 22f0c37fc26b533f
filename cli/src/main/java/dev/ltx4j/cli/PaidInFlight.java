package dev.ltx4j.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What Ctrl-C (SIGINT) or SIGTERM says while paid requests are on their way. The JVM runs its shutdown hooks while
 * such a request may already have created a job: the person who stopped the command must learn that a job may exist,
 * when its request was sent, and how to find it before paying again. The command then exits with
 * {@link ExitCodes#OUTCOME_UNKNOWN}; with no paid request on its way, it ends as any stopped command does (130).
 */
final class PaidInFlight implements AutoCloseable {
  private final Map<String, Instant> sending = new ConcurrentHashMap<>();
  private final Thread hook;

  /** {@code warning} words the requests on their way (what each is, and when it was sent) as the lines to print. */
  PaidInFlight(PrintWriter err, Function<Map<String, Instant>, String> warning) {
    this.hook = new Thread(() -> {
      if (sending.isEmpty()) {
        return;
      }
      err.println();
      err.println("ltx4j: " + warning.apply(Map.copyOf(sending)));
      err.flush();
      Runtime.getRuntime().halt(ExitCodes.OUTCOME_UNKNOWN);
    }, "ltx4j-paid-in-flight");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Marks {@code what} as on its way until the returned handle is closed (its answer came, or it failed). */
  Sending sending(String what) {
    sending.put(what, Instant.now());
    return () -> sending.remove(what);
  }

  interface Sending extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: leave it be
    }
  }

  /** The earliest sending time, a minute early for a service clock that runs behind this machine's. */
  static Instant lookFrom(Map<String, Instant> sending) {
    return sending.values().stream().min(Instant::compareTo).orElseThrow().minusSeconds(60)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }
}
