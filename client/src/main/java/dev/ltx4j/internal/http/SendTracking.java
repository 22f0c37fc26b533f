package dev.ltx4j.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;

/**
 * Tells an I/O failure before any byte of the request left (a refused connection: safe to retry anything) from one
 * after (the server may have acted: never retry a paid submission). The application interceptor tags each call;
 * the network interceptor, reached only once a connection is up and the request is about to be written, marks it.
 */
final class SendTracking {
  private SendTracking() {}

  private static final class Probe {
    volatile boolean started;
  }

  static final Interceptor APPLICATION = chain -> {
    Probe probe = new Probe();
    try {
      return chain.proceed(chain.request().newBuilder().tag(Probe.class, probe).build());
    } catch (IOException e) {
      if (probe.started && !(e instanceof RequestMaybeSentException)) {
        throw new RequestMaybeSentException(e);
      }
      throw e;
    }
  };

  static final Interceptor NETWORK = chain -> {
    Probe probe = chain.request().tag(Probe.class);
    if (probe != null) {
      probe.started = true;
    }
    return chain.proceed(chain.request());
  };
}
