package dev.ltx4j.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How long to wait for a job: shared by generate and wait. */
final class WaitOptionsMixin {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  // Set by the option's setter below, which picocli always calls: the option has a default.
  @SuppressWarnings("NullAway.Init")
  Duration deadline;

  /** Checked as it is parsed: a deadline that could never be met must not let a paid request leave first. */
  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "Give up waiting after this long (the job keeps running): e.g. 90s, 30m. Default: ${DEFAULT-VALUE}.")
  void deadline(Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--deadline " + value.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
          + " must be more than 0: e.g. 90s, 30m");
    }
    deadline = value;
  }
}
