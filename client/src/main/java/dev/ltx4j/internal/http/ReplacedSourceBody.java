package dev.ltx4j.internal.http;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * A response body read through another source, its type and length still the original's: asked for only when
 * someone needs them, since {@code contentType()} parses the header anew on every call.
 */
final class ReplacedSourceBody extends ResponseBody {
  private final ResponseBody original;
  private final BufferedSource source;

  ReplacedSourceBody(ResponseBody original, BufferedSource source) {
    this.original = original;
    this.source = source;
  }

  @Override
  public MediaType contentType() {
    return original.contentType();
  }

  @Override
  public long contentLength() {
    return original.contentLength();
  }

  @Override
  public BufferedSource source() {
    return source;
  }
}
