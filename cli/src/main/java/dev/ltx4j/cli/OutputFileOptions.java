package dev.ltx4j.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where a finished job's video goes: shared by generate and wait, apart from how long they wait. */
final class OutputFileOptions {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save the video.")
  @Nullable Path output;

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  boolean overwrite;
}
