package dev.ltx4j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long to wait for a job: shared by generate and wait. */
final class WaitOptionsMixin {
  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "Give up waiting after this long (the job keeps running): e.g. 90s, 30m. Default: ${DEFAULT-VALUE}.")
  Duration deadline;
}
