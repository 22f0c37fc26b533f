package dev.ltx4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Sandbox;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** An application with OpenTelemetry's SDK: each generation is a span over the HTTP spans of its requests. */
@SpringBootTest(classes = {TestApp.class, TracingTest.Telemetry.class}, properties = "ltx4j.sandbox.time-scale=0.2")
@LtxSandbox
class TracingTest {
  @Autowired LtxClient client;
  @Autowired Sandbox sandbox;
  @Autowired InMemorySpanExporter exporter;
  @TempDir Path dir;

  @TestConfiguration(proxyBeanMethods = false)
  static class Telemetry {
    @Bean
    InMemorySpanExporter spanExporter() {
      return InMemorySpanExporter.create();
    }

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(InMemorySpanExporter exporter) {
      return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    }
  }

  @Test
  void aGenerationIsOneSpanWithItsJobIdOverItsHttpSpansAndNoSpanHoldsACredential() {
    JobSnapshot job = client.generate(LtxRequest.builder().prompt("A lighthouse at dawn").build(), WaitOptions.defaults());
    client.assets().downloadAll(job, dir, DownloadOptions.defaults());

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData generation = spans.stream().filter(s -> s.getName().equals("ltx4j.generation")).findFirst().orElseThrow();
    assertThat(generation.getAttributes().get(AttributeKey.stringKey("ltx4j.job.id"))).isEqualTo(job.id().orElseThrow());
    List<SpanData> http = spans.stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT && s.getParentSpanId().equals(generation.getSpanId())).toList();
    assertThat(http).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("url.full")))
        .anyMatch(url -> url.contains("/generate/"))
        .anyMatch(url -> url.contains("/jobs/" + job.id().orElseThrow()))
        .anyMatch(url -> url.startsWith(sandbox.cdnUrl().replaceAll("/$", "")));

    String basic = Credentials.basic(sandbox.apiKey(), sandbox.apiSecret());
    assertThat(spans).allSatisfy(span -> {
      assertThat(span.getAttributes().asMap().keySet()).noneMatch(key -> key.getKey().contains("authorization"));
      assertThat(span.getAttributes().asMap().values()).allSatisfy(value -> assertThat(String.valueOf(value))
          .doesNotContain(sandbox.apiKey(), sandbox.apiSecret(), basic.substring("Basic ".length())));
    });
  }
}
