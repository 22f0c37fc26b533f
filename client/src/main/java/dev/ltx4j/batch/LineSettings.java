package dev.ltx4j.batch;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * What taking one line to its video needs of its worker's settings: shared by the worker and each line it runs.
 *
 * @param store the batch's store
 * @param client the client that sends, awaits and downloads
 * @param decoder reads a line's stored JSON back into a request
 * @param out where videos are saved
 * @param timeout how long a worker's lease lasts after its last renewal
 * @param jobDeadline how long to wait for each job
 * @param recoveryGrace how long after a line was marked sending recovery keeps looking for its job
 * @param maxMarkAge how long the mark may take to come back before the request is abandoned
 * @param time the clock read and the pauses taken
 */
record LineSettings(BatchStore store, LtxClient client, Function<String, LtxRequest> decoder, Path out,
    Duration timeout, Duration jobDeadline, Duration recoveryGrace, Duration maxMarkAge, WorkerTime time) {

  /** The file line {@code line}'s video goes to. */
  Path target(int line) {
    return target(out, line);
  }

  /** The file line {@code line}'s video goes to in {@code out}. */
  static Path target(Path out, int line) {
    return out.resolve("line-" + line + ".mp4");
  }
}
