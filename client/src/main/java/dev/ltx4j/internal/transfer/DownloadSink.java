package dev.ltx4j.internal.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** Where downloaded bytes go: a temporary file (which can start over) or a caller's stream (which cannot). */
interface DownloadSink {
  /** Writes all of {@code bytes}. */
  void write(ByteBuffer bytes) throws IOException;

  /** Drops everything written, for a server that cannot resume; false when that is impossible. */
  boolean restart() throws IOException;

  /** Whether {@link #restart()} can drop what was written. */
  boolean canRestart();

  /** Writes to a part file, whose pages go to disk as the download goes on (see {@link Writeback}). */
  static DownloadSink of(PartFile part) {
    FileChannel file = part.channel();
    return new DownloadSink() {
      private long size;

      @Override
      public void write(ByteBuffer bytes) throws IOException {
        size += bytes.remaining();
        while (bytes.hasRemaining()) {
          file.write(bytes);
        }
        part.written(size);
      }

      @Override
      public boolean canRestart() {
        return true;
      }

      @Override
      public boolean restart() throws IOException {
        file.truncate(0);
        file.position(0);
        size = 0;
        part.written(0);
        return true;
      }
    };
  }

  static DownloadSink of(OutputStream out) {
    WritableByteChannel channel = Channels.newChannel(out);
    return new DownloadSink() {
      private boolean written;

      @Override
      public void write(ByteBuffer bytes) throws IOException {
        written |= bytes.hasRemaining();
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }

      @Override
      public boolean canRestart() {
        return !written;
      }

      @Override
      public boolean restart() {
        return !written;
      }
    };
  }
}
