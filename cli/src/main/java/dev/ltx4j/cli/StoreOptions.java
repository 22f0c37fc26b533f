package dev.ltx4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a batch kept in PostgreSQL lives, and the project's shared limits. */
final class StoreOptions {
  @Option(names = "--store", paramLabel = "JDBC_URL",
      description = "Keep the batch in PostgreSQL (jdbc:postgresql://host/db) so that workers on several machines "
          + "share it. Credentials come from LTX4J_STORE_USER/LTX4J_STORE_PASSWORD (else PGUSER/PGPASSWORD) or "
          + "--store-password-file, never from the URL.")
  String url;

  @Option(names = "--store-password-file", paramLabel = "FILE",
      description = "A file whose first line is the database password.")
  Path passwordFile;

  @Option(names = "--ceiling", defaultValue = "4", paramLabel = "N",
      description = "Generations the whole fleet runs at once (the team's concurrency ceiling). "
          + "Default: ${DEFAULT-VALUE}.")
  int ceiling;

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
}
