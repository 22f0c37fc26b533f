package dev.ltx4j.internal.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the Authorization header to requests for the API's own scheme, host and port, and strips it from every
 * other request. A network interceptor, so it decides again on every redirect hop.
 */
final class ApiHostAuthInterceptor implements Interceptor {
  private final HttpUrl api;
  private final Credentials credentials;

  ApiHostAuthInterceptor(HttpUrl api, Credentials credentials) {
    this.api = api;
    this.credentials = credentials;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    boolean toApi = url.scheme().equals(api.scheme()) && url.host().equals(api.host()) && url.port() == api.port();
    Request.Builder builder = request.newBuilder();
    if (toApi) {
      builder.header("Authorization", credentials.authorization());
    } else {
      builder.removeHeader("Authorization");
    }
    return chain.proceed(builder.build());
  }
}
