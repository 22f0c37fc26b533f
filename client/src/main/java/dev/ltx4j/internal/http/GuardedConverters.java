package dev.ltx4j.internal.http;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Reports every failure to decode an answer as a {@link RequestMaybeSentException} caused by an
 * {@link UndecodableBodyException}: an answer arrived, so the request was received, whatever the decoder threw
 * (Moshi's {@code JsonEncodingException} is an {@code IOException} that would otherwise pass for a connection that
 * never opened). It also keeps fatal errors inside the call: Retrofit rethrows a {@link VirtualMachineError} raised
 * while decoding on OkHttp's dispatcher thread, where no callback hears of it and the caller's future never ends.
 */
final class GuardedConverters extends Converter.Factory {
  private static final int PREFIX_BYTES = 256;
  private final Converter.Factory delegate;

  GuardedConverters(Converter.Factory delegate) {
    this.delegate = delegate;
  }

  @Override
  public @Nullable Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations,
      Retrofit retrofit) {
    Converter<ResponseBody, ?> converter = delegate.responseBodyConverter(type, annotations, retrofit);
    if (converter == null) {
      return null;
    }
    return body -> {
      byte[] prefix = null;
      try {
        prefix = prefix(body);
        return converter.convert(body);
      } catch (RequestMaybeSentException answerBroke) {
        throw answerBroke; // the body broke off, timed out or passed the limit while it was read
      } catch (OutOfMemoryError | StackOverflowError fatal) {
        // What was read still fills the heap: drop it before making anything, the exception included.
        body.source().getBuffer().clear();
        body.close();
        throw new RequestMaybeSentException(new UndecodableBodyException(fatal, prefix));
      } catch (IOException | RuntimeException undecodable) {
        throw new RequestMaybeSentException(new UndecodableBodyException(undecodable, prefix));
      }
    };
  }

  /**
   * The body's first bytes, read ahead (the decoder reads them from the buffer all the same) for error messages.
   * Copied out rather than taken as a snapshot: a snapshot would share the buffer's segments, which then could not
   * go back to Okio's pool, and every answer would allocate fresh ones.
   */
  private static byte[] prefix(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    source.request(PREFIX_BYTES);
    Buffer buffered = source.getBuffer();
    byte[] prefix = new byte[(int) Math.min(PREFIX_BYTES, buffered.size())];
    try (Buffer.UnsafeCursor cursor = buffered.readUnsafe()) {
      int copied = 0;
      for (int n = cursor.seek(0); n > 0 && copied < prefix.length; n = cursor.next()) {
        int take = Math.min(n, prefix.length - copied);
        System.arraycopy(cursor.data, cursor.start, prefix, copied, take);
        copied += take;
      }
    }
    return prefix;
  }

  @Override
  public @Nullable Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations, Retrofit retrofit) {
    return delegate.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }

  @Override
  public @Nullable Converter<?, String> stringConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    return delegate.stringConverter(type, annotations, retrofit);
  }
}
