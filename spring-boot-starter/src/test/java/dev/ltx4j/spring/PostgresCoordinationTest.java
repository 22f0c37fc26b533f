package dev.ltx4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobSlots;
import dev.ltx4j.LtxClient;
import dev.ltx4j.RequestBudget;
import dev.ltx4j.postgres.PostgresJobSlots;
import dev.ltx4j.postgres.PostgresRequestBudget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code ltx4j.coordination=postgres}: instances of a service share one budget and one ceiling in their database. */
class PostgresCoordinationTest {
  private static EmbeddedPostgres postgres;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LtxAutoConfiguration.class))
      .withBean(DataSource.class, () -> postgres.getPostgresDatabase())
      .withPropertyValues("ltx4j.api-key=key", "ltx4j.api-secret=secret", "ltx4j.base-url=http://127.0.0.1:9/v1",
          "ltx4j.coordination=postgres", "ltx4j.requests-per-minute=3", "ltx4j.max-concurrent-jobs=2");

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of("target", "embedded-pg");
    postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir.resolve("work").toFile())
        .setDataDirectory(dir.resolve("data-" + ProcessHandle.current().pid())).setCleanDataDirectory(true).start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void twoInstancesDrawFromOneBudgetAndOneSetOfSlots() {
    runner.run(first -> runner.run(second -> {
      assertThat(first).hasSingleBean(LtxClient.class);
      assertThat(first.getBean(RequestBudget.class)).isInstanceOf(PostgresRequestBudget.class);
      assertThat(first.getBean(JobSlots.class)).isInstanceOf(PostgresJobSlots.class);
      RequestBudget one = first.getBean(RequestBudget.class);
      RequestBudget other = second.getBean(RequestBudget.class);
      Instant now = Instant.now();
      assertThat(one.tryTake(now)).isZero();
      assertThat(other.tryTake(now)).isZero();
      assertThat(one.tryTake(now)).isZero();
      assertThat(other.tryTake(now)).as("the third request of the minute was the budget's last")
          .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));

      JobSlots slots = first.getBean(JobSlots.class);
      JobSlots otherSlots = second.getBean(JobSlots.class);
      assertThat(slots.tryTake("submission-a", 2)).isTrue();
      assertThat(otherSlots.tryTake("submission-b", 2)).isTrue();
      assertThat(slots.tryTake("submission-c", 2)).as("the ceiling of 2 is the fleet's").isFalse();
      assertThat(otherSlots.release("submission-a")).isTrue();
      assertThat(slots.tryTake("submission-c", 2)).isTrue();
    }));
  }

  @Test
  void sharedSlotsNeedTheirNumber() {
    runner.withPropertyValues("ltx4j.max-concurrent-jobs=")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("set ltx4j.max-concurrent-jobs"));
  }
}
