package dev.ltx4j.batch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Holds a batch folder for one run: an OS lock on {@code <dir>/batch.lock}, which the OS drops when the process
 * ends however it ends (even {@code kill -9}), so a stale lock file never blocks a resume. The file names the
 * holder (pid, host, start time) for the message a second run gets.
 */
final class FolderLock implements AutoCloseable {
  static final String FILE_NAME = "batch.lock";

  // A second channel on the file in this JVM would be refused anyway, and closing it could drop the first lock
  // (POSIX locks belong to the process): folders held here are refused without opening the file again.
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;

  private FolderLock(Path key, FileChannel channel) {
    this.key = key;
    this.channel = channel;
  }

  /**
   * Takes the folder's lock at once or fails.
   *
   * @throws BatchFolderBusyException naming the holder when another run holds it
   */
  static FolderLock acquire(Path dir, Clock clock) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    Path key = file.toAbsolutePath().normalize();
    if (!HELD_HERE.add(key)) {
      throw busy(dir, file, "another batch in this process");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw busy(dir, file, holder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me(clock).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new FolderLock(key, channel);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(key);
      closeQuietly(channel);
      throw e;
    }
  }

  @Override
  public void close() {
    closeQuietly(channel); // closing the channel releases the lock
    HELD_HERE.remove(key);
  }

  private static BatchFolderBusyException busy(Path dir, Path file, String holder) {
    return new BatchFolderBusyException(dir + " is in use by another batch: " + holder + " (lock file " + file
        + "). Nothing was sent; run again once it has finished.");
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(512);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "a process that is just starting" : text;
  }

  private static String me(Clock clock) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "an unknown host";
    }
    return "pid " + ProcessHandle.current().pid() + " on " + host + ", since "
        + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\n";
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held is lost: the lock goes with the channel
      }
    }
  }
}
