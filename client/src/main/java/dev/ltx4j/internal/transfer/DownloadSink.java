package dev.ltx4j.internal.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where downloaded bytes go: a temporary file (which can start over) or a caller's stream (which cannot). */
interface DownloadSink {
  void write(byte[] buffer, int length) throws IOException;

  /** Drops everything written, for a server that cannot resume; false when that is impossible. */
  boolean restart() throws IOException;

  static DownloadSink of(FileChannel file) {
    return new DownloadSink() {
      @Override
      public void write(byte[] buffer, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        while (bytes.hasRemaining()) {
          file.write(bytes);
        }
      }

      @Override
      public boolean restart() throws IOException {
        file.truncate(0);
        file.position(0);
        return true;
      }
    };
  }

  static DownloadSink of(OutputStream out) {
    return new DownloadSink() {
      private boolean written;

      @Override
      public void write(byte[] buffer, int length) throws IOException {
        written |= length > 0;
        out.write(buffer, 0, length);
      }

      @Override
      public boolean restart() {
        return !written;
      }
    };
  }
}
