package dev.ltx4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a finished job's video goes, and how long to wait for it: shared by generate and wait. */
final class WaitOptionsMixin {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save the video.")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  boolean overwrite;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "Give up waiting after this long (the job keeps running): e.g. 90s, 30m. Default: ${DEFAULT-VALUE}.")
  Duration deadline;
}
