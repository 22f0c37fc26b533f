package dev.ltx4j.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the tests of this JVM, its binaries and data under target/. It stops when the JVM
 * ends (a shutdown hook), so that no server outlives the build.
 */
final class EmbeddedPg {
  private static EmbeddedPostgres server;

  private EmbeddedPg() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        Path dir = Path.of(System.getProperty("ltx4j.pg.dir", "target/embedded-pg"));
        Files.createDirectories(dir);
        server = EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(dir.resolve("work").toFile())
            .setDataDirectory(dir.resolve("data-" + ProcessHandle.current().pid()))
            .setCleanDataDirectory(true)
            .setServerConfig("track_functions", "pl")
            .start();
        EmbeddedPostgres started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException ignored) {
            // the JVM is ending anyway
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** A fresh database for one test class, with the schema applied. */
  static DataSource freshDatabase(String name) {
    DataSource admin = server().getPostgresDatabase();
    try (var connection = admin.getConnection(); var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    DataSource dataSource = server().getDatabase("postgres", name);
    PostgresStore.create(dataSource).migrate();
    return dataSource;
  }
}
