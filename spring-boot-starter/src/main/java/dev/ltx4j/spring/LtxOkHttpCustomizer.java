package dev.ltx4j.spring;

import okhttp3.OkHttpClient;

/**
 * Customizes the OkHttp client of the {@code LtxClient} bean (proxy, TLS, pool, event listener, interceptors);
 * every bean of this type is applied, in {@code @Order}. The builder is derived from the client ltx4j has set up,
 * whose interceptors are already in place, so that connections and threads stay the client's own and close with it.
 * An added network interceptor sees the API's {@code Authorization} header: never log it.
 */
@FunctionalInterface
public interface LtxOkHttpCustomizer {
  /** Changes {@code builder}; called once, when the bean is created. */
  void customize(OkHttpClient.Builder builder);
}
