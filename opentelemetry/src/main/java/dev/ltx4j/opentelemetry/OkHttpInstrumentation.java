package dev.ltx4j.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.OkHttpClient;

/** OpenTelemetry's OkHttp instrumentation, in a class of its own: loaded only when that optional jar is present. */
final class OkHttpInstrumentation {
  private OkHttpInstrumentation() {}

  static Function<OkHttpClient, Call.Factory> of(OpenTelemetry openTelemetry) {
    return OkHttpTelemetry.create(openTelemetry)::createCallFactory;
  }
}
