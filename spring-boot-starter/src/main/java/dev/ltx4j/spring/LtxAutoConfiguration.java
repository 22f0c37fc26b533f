package dev.ltx4j.spring;

import dev.ltx4j.JobSlots;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.LtxObserver;
import dev.ltx4j.RequestBudget;
import dev.ltx4j.micrometer.LtxMetrics;
import dev.ltx4j.opentelemetry.LtxTracing;
import dev.ltx4j.postgres.PostgresStore;
import dev.ltx4j.sandbox.Sandbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link LtxClient} bean, unless the application defines its own, built from {@link LtxProperties}; closed with
 * the context. It draws on these beans when they exist: a {@link RequestBudget} and {@link JobSlots} (to share the
 * project's request rate and generation slots between processes, e.g. over PostgreSQL), every {@link LtxObserver},
 * {@link LtxOkHttpCustomizer} and {@link LtxClientBuilderCustomizer}. With Micrometer and {@code ltx4j-micrometer} on
 * the class path and a {@code MeterRegistry} bean, its meters are bound; with OpenTelemetry and
 * {@code ltx4j-opentelemetry} and an {@code OpenTelemetry} bean, its generations are traced.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"})
@ConditionalOnClass(LtxClient.class)
@EnableConfigurationProperties(LtxProperties.class)
public class LtxAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  LtxClient ltxClient(LtxProperties properties, ObjectProvider<SandboxTarget> sandbox,
      ObjectProvider<RequestBudget> budget, ObjectProvider<JobSlots> slots, ObjectProvider<LtxObserver> observers,
      ObjectProvider<LtxOkHttpCustomizer> okHttpCustomizers, ObjectProvider<HttpInstrumentation> instrumentation,
      ObjectProvider<LtxClientBuilderCustomizer> customizers) {
    SandboxTarget target = sandbox.getIfAvailable();
    LtxClientBuilder builder = target != null ? target.get() : ClientProperties.apply(properties);
    ClientProperties.applyLimits(properties, builder);
    budget.ifUnique(builder::requestBudget);
    slots.ifUnique(builder::jobSlots);
    observers.orderedStream().forEach(builder::observer);
    List<LtxOkHttpCustomizer> http = okHttpCustomizers.orderedStream().toList();
    HttpInstrumentation wrap = instrumentation.getIfAvailable(() -> client -> client);
    builder.callFactory(client -> wrap.apply(customized(client, http)));
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static OkHttpClient customized(OkHttpClient client, List<LtxOkHttpCustomizer> customizers) {
    if (customizers.isEmpty()) {
      return client;
    }
    OkHttpClient.Builder builder = client.newBuilder();
    customizers.forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** {@code ltx4j.sandbox.enabled=true} (or {@link LtxSandbox}): an in-process sandbox, and the client pointed at it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Sandbox.class)
  @ConditionalOnProperty(prefix = "ltx4j.sandbox", name = "enabled", havingValue = "true")
  static class SandboxConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Sandbox ltx4jSandbox(LtxProperties properties) {
      return Sandbox.builder().timeScale(properties.getSandbox().getTimeScale()).start();
    }

    @Bean
    SandboxTarget ltx4jSandboxTarget(Sandbox sandbox) {
      return sandbox::clientBuilder;
    }
  }

  /**
   * {@code ltx4j.coordination=postgres}: the project's request budget and the team's generation slots kept in the
   * application's PostgreSQL, so that every instance of the service draws from one budget and one ceiling. The
   * schema is applied at start-up.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(PostgresStore.class)
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(prefix = "ltx4j", name = "coordination", havingValue = "postgres")
  static class PostgresConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    PostgresStore ltx4jPostgresStore(DataSource dataSource) {
      return PostgresStore.create(dataSource).migrate();
    }

    @Bean
    @ConditionalOnMissingBean
    RequestBudget ltx4jSharedRequestBudget(PostgresStore store, LtxProperties properties) {
      return store.requestBudget(shareName(properties), properties.getRequestsPerMinute(), Duration.ofMinutes(1));
    }

    @Bean
    @ConditionalOnMissingBean
    JobSlots ltx4jSharedJobSlots(PostgresStore store, LtxProperties properties) {
      Integer ceiling = properties.getMaxConcurrentJobs();
      if (ceiling == null) {
        throw new IllegalStateException("ltx4j.coordination=postgres shares the team's generation slots, so it needs"
            + " their number: set ltx4j.max-concurrent-jobs");
      }
      return store.jobSlots(shareName(properties), ceiling);
    }

    /** One budget and one pool per Scenario project. */
    private static String shareName(LtxProperties properties) {
      return properties.getProjectId() == null ? "default" : properties.getProjectId();
    }
  }

  /** Micrometer meters for the client, in the application's registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, LtxMetrics.class})
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnProperty(prefix = "ltx4j.metrics", name = "enabled", matchIfMissing = true)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    LtxMetrics ltx4jMetrics(ObjectProvider<MeterRegistry> registries) {
      // the primary registry (Boot's composite) when there are several
      return new LtxMetrics(registries.getObject());
    }
  }

  /** A span per generation, over the HTTP spans of OpenTelemetry's OkHttp instrumentation when it is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({OpenTelemetry.class, LtxTracing.class})
  @ConditionalOnBean(OpenTelemetry.class)
  @ConditionalOnProperty(prefix = "ltx4j.tracing", name = "enabled", matchIfMissing = true)
  static class TracingConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LtxTracing ltx4jTracing(OpenTelemetry openTelemetry) {
      return LtxTracing.create(openTelemetry);
    }

    @Bean
    LtxObserver ltx4jTracingObserver(LtxTracing tracing) {
      return tracing.observer();
    }

    @Bean
    HttpInstrumentation ltx4jHttpInstrumentation(LtxTracing tracing) {
      return client -> tracing.okHttpInstrumentation().map(wrap -> (Call.Factory) wrap.apply(client)).orElse(client);
    }
  }
}
