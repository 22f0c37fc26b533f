package dev.ltx4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where a batch kept in PostgreSQL lives, and the project's shared limits. */
final class StoreOptions {
  @Option(names = "--store", paramLabel = "JDBC_URL",
      description = "Keep the batch in PostgreSQL (jdbc:postgresql://host/db) so that workers on several machines "
          + "share it. Credentials come from LTX4J_STORE_USER/LTX4J_STORE_PASSWORD (else PGUSER/PGPASSWORD) or "
          + "--store-password-file, never from the URL.")
  @Nullable String url;

  @Option(names = "--store-password-file", paramLabel = "FILE",
      description = "A file whose first line is the database password.")
  @Nullable Path passwordFile;

  @Option(names = "--ceiling", paramLabel = "N",
      description = "Generations the whole fleet runs at once (the team's concurrency ceiling). By default the "
          + "service's team limits say, else its first refusal.")
  @Nullable Integer ceiling;

  @Option(names = "--requests-per-minute", defaultValue = "90", paramLabel = "N",
      description = "API requests the whole fleet sends per minute (Scenario allows about 100). "
          + "Default: ${DEFAULT-VALUE}.")
  int requestsPerMinute;

  @Option(names = "--project-name", defaultValue = "default", paramLabel = "NAME",
      description = "The name the fleet's request budget and slots are shared under: one per Scenario project. "
          + "Default: ${DEFAULT-VALUE}.")
  String projectName;

  @Option(names = "--worker-timeout", defaultValue = "30s", converter = Durations.class, paramLabel = "DURATION",
      description = "How long a silent worker keeps its lines before others continue them. Default: ${DEFAULT-VALUE}.")
  Duration workerTimeout;

  @Option(names = "--recovery-grace", converter = Durations.class, paramLabel = "DURATION",
      description = "How long after a lost submission recovery waits for its job to turn up before sending the line "
          + "again, on the store's clock. Default: 30s with --store, 10s in a folder (one machine sends its lines).")
  @Nullable Duration recoveryGrace;

  /** The recovery grace given, else the default for where the batch is kept. */
  Duration recoveryGrace() {
    return recoveryGrace != null ? recoveryGrace : url != null ? Duration.ofSeconds(30) : Duration.ofSeconds(10);
  }

  /** The options another machine passes to join the same fleet: the same store, budget, seats and timeout. */
  String commandLine() {
    return "--store " + url + " --project-name " + projectName + (ceiling == null ? "" : " --ceiling " + ceiling)
        + " --requests-per-minute " + requestsPerMinute + " --worker-timeout " + workerTimeout.toSeconds() + "s";
  }
}
