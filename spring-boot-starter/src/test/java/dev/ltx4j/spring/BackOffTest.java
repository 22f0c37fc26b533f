package dev.ltx4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.JobSlots;
import dev.ltx4j.LtxClient;
import dev.ltx4j.RequestBudget;
import dev.ltx4j.micrometer.LtxMetrics;
import dev.ltx4j.sandbox.Sandbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class BackOffTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LtxAutoConfiguration.class));

  @Test
  void createsNothingWhenTheApplicationDefinesItsOwnClient() {
    LtxClient own = LtxClient.builder().apiKey("k").apiSecret("s").baseUrl("http://127.0.0.1:9/v1").build();
    runner.withBean("myClient", LtxClient.class, () -> own)
        .withPropertyValues("ltx4j.sandbox.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(LtxClient.class);
          assertThat(context.getBean(LtxClient.class)).isSameAs(own);
          assertThat(context).doesNotHaveBean("ltxClient");
        });
  }

  @Test
  void buildsTheClientFromTheLtx4jPropertiesAndClosesItWithTheContext() {
    runner.withPropertyValues("ltx4j.api-key=key-1", "ltx4j.api-secret=secret-1",
            "ltx4j.base-url=http://127.0.0.1:9/v1", "ltx4j.project-id=proj_1", "ltx4j.requests-per-minute=30",
            "ltx4j.max-concurrent-jobs=4", "ltx4j.call-timeout=30s")
        .run(context -> {
          assertThat(context).hasSingleBean(LtxClient.class).doesNotHaveBean(Sandbox.class);
          assertThat(context.getBean(LtxClient.class).toString())
              .contains("http://127.0.0.1:9/v1", "proj_1").doesNotContain("secret-1", "key-1");
        });
  }

  @Test
  void closesTheClientWithTheContext() {
    LtxClient[] client = new LtxClient[1];
    runner.withPropertyValues("ltx4j.sandbox.enabled=true")
        .run(context -> client[0] = context.getBean(LtxClient.class));

    assertThatThrownBy(() -> client[0].listJobsPage(dev.ltx4j.JobQuery.ALL, null))
        .hasMessageContaining("the client is closed");
  }

  @Test
  void drawsOnARequestBudgetAndJobSlotsBeanWhenTheApplicationHasThem() {
    AtomicInteger asked = new AtomicInteger();
    RequestBudget shared = now -> {
      asked.incrementAndGet();
      return Duration.ZERO;
    };
    runner.withPropertyValues("ltx4j.sandbox.enabled=true", "ltx4j.max-retries=0")
        .withBean(RequestBudget.class, () -> shared)
        .withBean(JobSlots.class, () -> LtxClient.builder().apiKey("key").apiSecret("secret").build().jobSlots())
        .run(context -> {
          context.getBean(LtxClient.class).listJobsPage(dev.ltx4j.JobQuery.ALL, null);
          assertThat(asked).hasValue(1);
        });
  }

  @Test
  void bindsMetricsOnlyWhereThereIsAMeterRegistry() {
    runner.withPropertyValues("ltx4j.sandbox.enabled=true")
        .run(context -> assertThat(context).hasSingleBean(LtxClient.class).doesNotHaveBean(LtxMetrics.class));
    runner.withPropertyValues("ltx4j.sandbox.enabled=true")
        .withBean(SimpleMeterRegistry.class)
        .run(context -> assertThat(context).hasSingleBean(LtxMetrics.class));
    runner.withPropertyValues("ltx4j.sandbox.enabled=true", "ltx4j.metrics.enabled=false")
        .withBean(SimpleMeterRegistry.class)
        .run(context -> assertThat(context).doesNotHaveBean(LtxMetrics.class));
  }
}
