package dev.ltx4j.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp from sending a request again by itself when a 503 says {@code Retry-After: 0}: it would do so below
 * every interceptor that decides retries, a paid POST included, outside the request budget. Without the header the
 * answer reaches {@code RetryPolicy}, which retries a read after its usual back-off and never a paid submission.
 * (OkHttp's other silent resends are off: {@code retryOnConnectionFailure(false)} covers connection failures and
 * 408.)
 */
final class NoSilentResend implements Interceptor {
  static final NoSilentResend INSTANCE = new NoSilentResend();

  private NoSilentResend() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (response.code() == 503 && retryAfter != null && retryAfter.matches("0+")) {
      return response.newBuilder().removeHeader("Retry-After").build();
    }
    return response;
  }
}
