package dev.ltx4j.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Tells an I/O failure before any byte of the request left (a refused connection: safe to retry anything) from one
 * after (the server may have acted: never retry a paid submission). The application interceptor tags each call;
 * the network interceptor, reached only once a connection is up and the request is about to be written, marks it.
 * A failure while the answer's body is read (cut mid-way, timed out, too large) comes after the server answered, so
 * the body is wrapped to report it the same way: the answer began, so the request was received.
 */
final class SendTracking {
  private SendTracking() {}

  private static final class Probe {
    volatile boolean started;
  }

  static final Interceptor APPLICATION = chain -> {
    Probe probe = new Probe();
    Response response;
    try {
      response = chain.proceed(chain.request().newBuilder().tag(Probe.class, probe).build());
    } catch (IOException e) {
      throw probe.started ? maybeSent(e) : e;
    }
    ResponseBody body = response.body();
    Source reported = new ForwardingSource(body.source()) {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        try {
          return super.read(sink, byteCount);
        } catch (IOException e) {
          throw maybeSent(e);
        }
      }
    };
    return response.newBuilder()
        .body(new ReplacedSourceBody(body, Okio.buffer(reported)))
        .build();
  };

  static final Interceptor NETWORK = chain -> {
    Probe probe = chain.request().tag(Probe.class);
    if (probe != null) {
      probe.started = true;
    }
    return chain.proceed(chain.request());
  };

  private static IOException maybeSent(IOException e) {
    return e instanceof RequestMaybeSentException ? e : new RequestMaybeSentException(e);
  }
}
