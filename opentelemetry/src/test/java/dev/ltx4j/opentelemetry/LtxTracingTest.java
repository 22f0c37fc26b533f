package dev.ltx4j.opentelemetry;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LtxTracingTest {
  private final Sandbox sandbox = Sandbox.builder().timeScale(0.2).start();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();
  private final LtxTracing tracing = LtxTracing.create(otel);
  @TempDir Path dir;

  @AfterEach
  void stop() {
    tracing.close();
    otel.close();
    sandbox.close();
  }

  @Test
  void aGenerationIsOneSpanFromSubmissionToDownloadOverItsHttpSpans() {
    String jobId;
    try (LtxClient client = tracing.bindTo(sandbox.clientBuilder()).build()) {
      JobSnapshot job = client.generate(LtxRequest.builder().prompt("a fox in the snow").build(), WaitOptions.defaults());
      jobId = job.id().orElseThrow();
      client.assets().downloadAll(job, dir, DownloadOptions.defaults());
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData generation = spans.stream().filter(s -> s.getName().equals("ltx4j.generation")).findFirst().orElseThrow();
    assertThat(generation.getAttributes().get(AttributeKey.stringKey("ltx4j.job.id"))).isEqualTo(jobId);
    assertThat(generation.getAttributes().get(AttributeKey.longKey("ltx4j.download.bytes"))).isPositive();
    List<SpanData> http = spans.stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT && s.getParentSpanId().equals(generation.getSpanId())).toList();
    assertThat(http).extracting(SpanData::getName).contains("POST", "GET");
    // the submission, a poll of the job, the asset read and the CDN download all sit under the generation
    assertThat(http).hasSizeGreaterThanOrEqualTo(4);
    assertThat(http).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(generation.getTraceId()));
  }

  @Test
  void noSpanHoldsACredential() {
    try (LtxClient client = tracing.bindTo(sandbox.clientBuilder()).build()) {
      JobSnapshot job = client.generate(LtxRequest.builder().prompt("a fox in the snow").build(), WaitOptions.defaults());
      client.assets().downloadAll(job, dir, DownloadOptions.defaults());
    }

    String basic = okhttp3.Credentials.basic(sandbox.apiKey(), sandbox.apiSecret());
    assertThat(exporter.getFinishedSpanItems()).isNotEmpty().allSatisfy(span -> {
      assertThat(span.getAttributes().asMap().keySet()).noneMatch(key -> key.getKey().contains("authorization"));
      assertThat(span.getAttributes().asMap().values()).allSatisfy(value -> assertThat(String.valueOf(value))
          .doesNotContain(sandbox.apiKey(), sandbox.apiSecret(), basic, basic.substring("Basic ".length())));
    });
  }
}
