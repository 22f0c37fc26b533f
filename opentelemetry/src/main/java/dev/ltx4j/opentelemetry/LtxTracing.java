package dev.ltx4j.opentelemetry;

import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.LtxObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * OpenTelemetry traces for ltx4j clients: each generation is one span, {@value Generations#SPAN_NAME}, from its
 * paid submission to the download of its video, with the job id as the attribute {@code ltx4j.job.id}; the HTTP
 * client spans of its requests (submission, polls, asset reads, the download itself) are its children when
 * OpenTelemetry's OkHttp instrumentation wraps the client. Attributes never hold a prompt or a credential.
 *
 * <pre>{@code
 * LtxTracing tracing = LtxTracing.create(openTelemetry);
 * LtxClient client = tracing.bindTo(LtxClient.builder().fromEnv()).build();
 * }</pre>
 *
 * <p>A span ends when every asset of the job has been downloaded, when the submission, the wait or a download
 * fails, or, for a succeeded job nobody downloads, {@link #create(OpenTelemetry, Duration) downloadGrace} after the
 * wait saw it finish. Polls seen through list sweeps (three waits or more at once) are not under any one generation.
 * One instance serves any number of clients; {@link #close()} ends the spans still open.
 */
public final class LtxTracing implements AutoCloseable {
  private static final String OKHTTP_TELEMETRY = "io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry";

  private final OpenTelemetry openTelemetry;
  private final Generations generations;

  private LtxTracing(OpenTelemetry openTelemetry, Duration downloadGrace) {
    this.openTelemetry = openTelemetry;
    this.generations = new Generations(openTelemetry.getTracer("dev.ltx4j"), downloadGrace);
  }

  /** Traces to {@code openTelemetry}; a succeeded job's span waits 5 minutes for its download. */
  public static LtxTracing create(OpenTelemetry openTelemetry) {
    return create(openTelemetry, Duration.ofMinutes(5));
  }

  /** Traces to {@code openTelemetry}; a succeeded job's span waits {@code downloadGrace} for its download. */
  public static LtxTracing create(OpenTelemetry openTelemetry, Duration downloadGrace) {
    Objects.requireNonNull(openTelemetry, "openTelemetry == null");
    if (downloadGrace.isNegative()) {
      throw new IllegalArgumentException("downloadGrace " + downloadGrace + " must not be negative");
    }
    return new LtxTracing(openTelemetry, downloadGrace);
  }

  /**
   * Binds tracing to the client {@code builder} builds: the {@link #observer()}, and, when
   * {@code io.opentelemetry.instrumentation:opentelemetry-okhttp-3.0} is on the class path, its call factory under
   * {@link #callFactory(Function)}. Returns the builder.
   */
  public LtxClientBuilder bindTo(LtxClientBuilder builder) {
    builder.observer(observer());
    okHttpInstrumentation().ifPresent(builder::callFactory);
    return builder;
  }

  /**
   * {@link #callFactory(Function)} over OpenTelemetry's OkHttp instrumentation, when
   * {@code io.opentelemetry.instrumentation:opentelemetry-okhttp-3.0} is on the class path; else empty.
   */
  public Optional<Function<OkHttpClient, Call.Factory>> okHttpInstrumentation() {
    return present(OKHTTP_TELEMETRY) ? Optional.of(callFactory(OkHttpInstrumentation.of(openTelemetry)))
        : Optional.empty();
  }

  /** What starts and ends the generation spans: for {@link LtxClientBuilder#observer(LtxObserver)}. */
  public LtxObserver observer() {
    return generations;
  }

  /**
   * For {@link LtxClientBuilder#callFactory(Function)}: {@code instrumentation} (e.g.
   * {@code OkHttpTelemetry.create(otel)::createCallFactory}) wraps the client, and each request is made while its
   * generation's span is the current one, so that the HTTP span the instrumentation starts is its child.
   */
  public Function<OkHttpClient, Call.Factory> callFactory(
      Function<? super OkHttpClient, ? extends Call.Factory> instrumentation) {
    Objects.requireNonNull(instrumentation, "instrumentation == null");
    return client -> {
      Call.Factory inner = Objects.requireNonNull(instrumentation.apply(client), "instrumentation returned null");
      return request -> newCall(inner, request);
    };
  }

  private Call newCall(Call.Factory inner, Request request) {
    Context parent = generations.contextOf(request);
    if (parent == null) {
      return inner.newCall(request);
    }
    try (Scope ignored = parent.makeCurrent()) {
      return inner.newCall(request);
    }
  }

  /** Ends every span still open. */
  @Override
  public void close() {
    generations.close();
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, LtxTracing.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
