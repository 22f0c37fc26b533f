package dev.ltx4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A response body sent one byte at a time with a pause after each: a slow-loris answer. (MockWebServer's own
 * {@code throttleBody} slows the reading of the request body too, so it would stall before any answer.)
 */
final class TrickleBody implements MockResponseBody {
  private final byte[] bytes;
  private final Duration pause;

  TrickleBody(String text, Duration pause) {
    this.bytes = text.getBytes(StandardCharsets.UTF_8);
    this.pause = pause;
  }

  @Override
  public long getContentLength() {
    return bytes.length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    for (byte b : bytes) {
      sink.writeByte(b);
      sink.flush();
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while trickling");
      }
    }
  }
}
