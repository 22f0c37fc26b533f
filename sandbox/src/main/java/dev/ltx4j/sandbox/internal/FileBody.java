package dev.ltx4j.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** A response body streamed from a file region in 64 KiB steps, never held in memory. */
public final class FileBody implements MockResponseBody {
  private final Path file;
  private final long offset;
  private final long length;

  public FileBody(Path file, long offset, long length) {
    this.file = file;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long getContentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(offset);
      Source source = Okio.source(in);
      long left = length;
      okio.Buffer buffer = new okio.Buffer();
      while (left > 0) {
        long read = source.read(buffer, Math.min(left, 65_536));
        if (read == -1) {
          throw new IOException(file + " ended early");
        }
        sink.write(buffer, read);
        left -= read;
      }
      sink.flush();
    }
  }
}
