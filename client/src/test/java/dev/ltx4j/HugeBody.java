package dev.ltx4j;

import java.io.IOException;
import java.util.Arrays;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/** A JSON body of any size, written as it is sent: {@code prefix}, then {@code size} filler bytes, then {@code suffix}. */
final class HugeBody implements MockResponseBody {
  private final String prefix;
  private final long size;
  private final String suffix;

  HugeBody(String prefix, long size, String suffix) {
    this.prefix = prefix;
    this.size = size;
    this.suffix = suffix;
  }

  /** A job whose id is {@code size} letters long. */
  static HugeBody job(long size) {
    return new HugeBody("{\"job\": {\"jobId\": \"job_", size, "\", \"status\": \"queued\"}}");
  }

  @Override
  public long getContentLength() {
    return prefix.length() + size + suffix.length();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.writeUtf8(prefix);
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    for (long left = size; left > 0; left -= chunk.length) {
      sink.write(chunk, 0, (int) Math.min(chunk.length, left));
    }
    sink.writeUtf8(suffix);
  }
}
