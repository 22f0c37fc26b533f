package dev.ltx4j.internal.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Follows redirects itself, with OkHttp's own following turned off: OkHttp would send any request again to wherever
 * a {@code Location} points, a paid POST included, to another host included, up to 20 times. Here only GET and HEAD
 * are followed, at most {@link #MAX_HOPS} times, and each hop only to a URL the first one would have been allowed:
 * HTTPS, or plain HTTP to a loopback address. Credentials are decided again on every hop (see
 * {@link ApiHostAuthInterceptor}). Any other redirect ends the call with a {@link RedirectRefusedIOException}
 * naming where it pointed: for a POST, the one request the server received was not sent anywhere again.
 */
final class Redirects implements Interceptor {
  static final Redirects INSTANCE = new Redirects();
  static final int MAX_HOPS = 5;

  private Redirects() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int hops = 0; isRedirect(response.code()); hops++) {
      String location = response.header("Location");
      if (location == null) {
        return response; // not a redirect one can follow: the status is the answer
      }
      HttpUrl target = response.request().url().resolve(location);
      String refusal = refusal(request.method(), target, hops);
      if (refusal != null) {
        int code = response.code();
        response.close();
        throw new RedirectRefusedIOException(code, target == null ? location : printable(target), refusal);
      }
      response.close();
      request = request.newBuilder().url(target).build();
      response = chain.proceed(request);
    }
    return response;
  }

  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /** Why a redirect to {@code target} is not followed, or null when it is. */
  static @Nullable String refusal(String method, @Nullable HttpUrl target, int hopsSoFar) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return "a " + method + " is never sent again to follow a redirect";
    }
    if (target == null) {
      return "the Location is not an http(s) URL";
    }
    if (!target.isHttps() && !Loopback.is(target.host())) {
      return "only HTTPS is followed off the loopback address";
    }
    if (hopsSoFar >= MAX_HOPS) {
      return "more than " + MAX_HOPS + " redirects";
    }
    return null;
  }

  /** Scheme, host, port and path: a signed URL's query is a credential of its own. */
  static String printable(HttpUrl url) {
    return url.newBuilder().query(null).fragment(null).build().toString();
  }
}
