package dev.ltx4j.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;

/**
 * An OkHttp client for ltx4j to build on that records every request as it went on the wire, after ltx4j's own
 * interceptors: what a pact cannot say (a header that must be absent, the bytes inside a matched body) is then
 * checked from the record.
 */
final class Wire implements AutoCloseable {
  private final List<Request> sent = new CopyOnWriteArrayList<>();
  private final OkHttpClient http = new OkHttpClient.Builder()
      .eventListener(new EventListener() {
        @Override
        public void requestHeadersEnd(Call call, Request request) {
          sent.add(request);
        }
      })
      .build();

  OkHttpClient http() {
    return http;
  }

  /** The requests sent to {@code method} and a path ending in {@code pathSuffix}, in order. */
  List<Request> sent(String method, String pathSuffix) {
    return sent.stream()
        .filter(request -> request.method().equals(method) && request.url().encodedPath().endsWith(pathSuffix))
        .toList();
  }

  /** The body of a request ltx4j can send again (JSON bodies are), as UTF-8 text. */
  static String body(Request request) {
    try (Buffer buffer = new Buffer()) {
      request.body().writeTo(buffer);
      return buffer.readUtf8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
