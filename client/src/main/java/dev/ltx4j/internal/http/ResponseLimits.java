package dev.ltx4j.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import retrofit2.Invocation;

/**
 * Bounds what an API answer may cost in memory. Retrofit buffers a whole error body before anyone sees it, and a
 * decoder holds what it reads: so an error body is cut to its first {@value #ERROR_BODY_LIMIT} bytes (all any
 * message needs), and a successful one fails once it passes the limit. Sizes count the bytes after decompression
 * (this runs above OkHttp's gzip handling), so a small gzip bomb is stopped like a large body. Only calls made
 * through Retrofit are bounded: downloads stream to disk and may be any size. An error body that echoes the
 * credentials has them struck out here, before any message or log can hold them.
 */
final class ResponseLimits implements Interceptor {
  static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final long maxBodyBytes;
  private final Credentials credentials;

  ResponseLimits(long maxBodyBytes, Credentials credentials) {
    this.maxBodyBytes = maxBodyBytes;
    this.credentials = credentials;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (chain.request().tag(Invocation.class) == null) {
      return response;
    }
    if (!response.isSuccessful()) {
      Buffer head = new Buffer();
      try (body) {
        BufferedSource source = body.source();
        source.request(ERROR_BODY_LIMIT);
        head.write(source.getBuffer(), Math.min(ERROR_BODY_LIMIT, source.getBuffer().size()));
      }
      Buffer scrubbed = new Buffer().writeUtf8(credentials.scrub(head.readUtf8()));
      return response.newBuilder().body(ResponseBody.create(scrubbed, body.contentType(), scrubbed.size())).build();
    }
    BufferedSource limited = Okio.buffer(new Limited(body.source(), maxBodyBytes));
    return response.newBuilder().body(new ReplacedSourceBody(body, limited)).build();
  }

  private static final class Limited extends ForwardingSource {
    private final long limit;
    private long read;

    Limited(Source delegate, long limit) {
      super(delegate);
      this.limit = limit;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long room = limit - read;
      long n = super.read(sink, room >= byteCount ? byteCount : room + 1); // one byte past the limit tells

      if (n > 0) {
        read += n;
        if (read > limit) {
          throw new ResponseTooLargeIOException(limit);
        }
      }
      return n;
    }
  }
}
