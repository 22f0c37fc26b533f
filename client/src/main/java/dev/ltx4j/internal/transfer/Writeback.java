package dev.ltx4j.internal.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * Writes a file's pages to disk while the file is still being written, so that the sync before it is moved into
 * place finds little left to do. Left alone, the kernel keeps up to a tenth of the memory dirty before it writes
 * anything back: a 1 GiB download would then wait for the whole of it to reach the disk after its last byte
 * arrived, as {@code curl -o} followed by {@code sync} does. Each {@link #STEP} bytes the writer wakes one daemon
 * thread that syncs the file; the writer never waits for it, and a file smaller than a step starts no thread.
 */
final class Writeback {
  static final long STEP = 32L << 20;

  private final FileChannel channel;
  private long signalled; // only the writer's thread reads and writes it
  private long requested; // the fields below are guarded by this
  private boolean stopped;
  private @Nullable Thread thread;

  Writeback(FileChannel channel) {
    this.channel = channel;
  }

  /** The writer reached {@code size} bytes; cheap unless a new step was crossed. */
  void written(long size) {
    if (size < signalled) {
      signalled = 0; // the file started over
    }
    if (size - signalled < STEP) {
      return;
    }
    signalled = size;
    synchronized (this) {
      if (stopped) {
        return;
      }
      requested = size;
      if (thread == null) {
        thread = new Thread(this::run, "ltx4j-writeback");
        thread.setDaemon(true);
        thread.start();
      }
      notifyAll();
    }
  }

  /** Ends the thread after any sync in progress; the owner syncs the rest (or drops the file) itself. */
  synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  private void run() {
    long done = 0;
    while (true) {
      synchronized (this) {
        while (!stopped && requested <= done) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (stopped) {
          return;
        }
        done = requested;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        return; // the channel was closed, or the disk failed: the owner's final sync reports a real failure
      }
    }
  }
}
