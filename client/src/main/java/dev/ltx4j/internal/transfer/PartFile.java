package dev.ltx4j.internal.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A download's temporary file beside its target ({@code .NAME.<random>.part}), moved into place whole. It is
 * created as any new file is (the user's umask decides its mode, as with {@code curl -o}), and locked while it is
 * written, so that the part files of downloads that died (a killed process leaves its file, and the OS drops its
 * lock) can be told from those of a download still running, and removed.
 */
final class PartFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartFile.class);

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final Writeback writeback;
  private boolean moved;

  private PartFile(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.writeback = new Writeback(channel);
  }

  /** Removes the abandoned part files of {@code target}, then creates and locks a new one. */
  static PartFile beside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException(target + " is a root directory, not a file");
    }
    Files.createDirectories(dir);
    String prefix = "." + target.getFileName() + ".";
    removeAbandoned(dir, prefix);
    while (true) {
      Path path = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
      FileChannel channel;
      try {
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      try {
        return new PartFile(path, channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        channel.close();
        Files.deleteIfExists(path);
        throw e;
      }
    }
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  /** Tells the file's {@link Writeback} that the file now holds {@code size} bytes. */
  void written(long size) {
    writeback.written(size);
  }

  /** Syncs the file and moves it to {@code target}, replacing an existing file only when asked. */
  void moveTo(Path target, boolean overwrite) throws IOException {
    writeback.stop();
    channel.force(true);
    if (overwrite) {
      Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
    }
    moved = true;
  }

  /** Unlocks and closes the file, and deletes it unless it was moved into place. */
  @Override
  public void close() {
    writeback.stop();
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing {} failed: {}", path, e.toString());
    }
    if (!moved) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        LOG.warn("Could not remove the partial download {}", path, e);
      }
    }
  }

  private static void removeAbandoned(Path dir, String prefix) {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir,
        entry -> entry.getFileName().toString().startsWith(prefix) && entry.getFileName().toString().endsWith(".part"))) {
      for (Path part : parts) {
        if (abandoned(part)) {
          Files.deleteIfExists(part);
          LOG.debug("Removed {}, left by a download that stopped", part);
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not look for abandoned downloads in {}: {}", dir, e.toString());
    }
  }

  /** True when no process holds the file's lock: its download is gone. */
  private static boolean abandoned(Path part) {
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (OverlappingFileLockException inThisProcess) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
