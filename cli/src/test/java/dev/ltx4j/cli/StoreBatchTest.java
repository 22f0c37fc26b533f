package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBatchTest {
  static EmbeddedPostgres postgres;
  static String url;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    Path base = Path.of("target", "embedded-pg");
    Files.createDirectories(base);
    postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(base.resolve("work").toFile())
        .setDataDirectory(base.resolve("data-" + ProcessHandle.current().pid())).setCleanDataDirectory(true).start();
    url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void aBatchKeptInPostgresMakesEveryLineAVideoAndItsStatusCountsThem() throws Exception {
    Path file = dir.resolve("prompts.jsonl");
    Files.writeString(file, "{\"prompt\": \"A red kite\", \"duration\": 6}\n\n{\"prompt\": \"A blue kite\"}\n");
    Path password = dir.resolve("password");
    Files.writeString(password, "unused-with-trust-auth\n");
    Path out = dir.resolve("videos");

    CliRun batch = CliRun.of("batch", file.toString(), "--out", out.toString(), "--store", url + "?user=postgres",
        "--store-password-file", password.toString(), "--sandbox", "--ceiling", "2");

    assertThat(batch.exitCode()).as(batch.err()).isZero();
    assertThat(out.resolve("line-1.mp4")).isNotEmptyFile();
    assertThat(out.resolve("line-3.mp4")).isNotEmptyFile();
    assertThat(out.resolve("line-2.mp4")).doesNotExist();
    assertThat(batch.out()).contains("2 lines: 2 done now");

    CliRun status = CliRun.of("batch-status", "--store", url + "?user=postgres", "--json");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("\"done\":2").contains("\"lines\":2");
  }

  @Test
  void refusesAPasswordInTheUrlBeforeConnecting() {
    CliRun run = CliRun.of("batch-status", "--store", url + "?user=postgres&password=secret");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("LTX4J_STORE_PASSWORD").doesNotContain("secret");

    CliRun userInfo = CliRun.of("worker", "--out", "x", "--store", "jdbc:postgresql://me:secret@localhost/db");
    assertThat(userInfo.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
