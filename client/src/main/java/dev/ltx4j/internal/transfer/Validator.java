package dev.ltx4j.internal.transfer;

import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * What names one version of a downloaded file, for {@code If-Range}: a strong {@code ETag}, else
 * {@code Last-Modified}. A weak ETag ({@code W/…}) cannot be used there (RFC 9110, 13.1.5): a server must then
 * send the whole file, which is what a resume without a validator should get anyway.
 */
record Validator(String value) {
  /** The validator {@code headers} give, or null when they give none usable. */
  static @Nullable Validator of(Headers headers) {
    String etag = headers.get("ETag");
    if (etag != null && !etag.isBlank() && !etag.trim().startsWith("W/")) {
      return new Validator(etag.trim());
    }
    String modified = headers.get("Last-Modified");
    return modified == null || modified.isBlank() ? null : new Validator(modified.trim());
  }
}
