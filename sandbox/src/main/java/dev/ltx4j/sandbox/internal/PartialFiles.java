package dev.ltx4j.sandbox.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The render cache's files in the making. Each is named after the process writing it, so that a process can tell
 * the partial files of another live renderer (leave them be) from those of one that died mid-render (remove them):
 * the cache is shared by every sandbox on the machine, and a killed JVM never cleans up after itself.
 */
final class PartialFiles {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartialFiles.class);
  private static final Pattern NAME = Pattern.compile("render-(\\d+)-.*\\.part");

  private PartialFiles() {}

  /** A new, empty partial file of this process in {@code dir}. */
  static Path create(Path dir) throws IOException {
    return Files.createTempFile(dir, "render-" + ProcessHandle.current().pid() + "-", ".part");
  }

  /** Deletes the partial files whose process is gone, and those of unknown origin (older naming). */
  static void removeOrphans(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "render-*.part")) {
      for (Path file : files) {
        if (!ownerAlive(file.getFileName().toString())) {
          Files.deleteIfExists(file);
          LOG.debug("Removed {}, left by a renderer that stopped mid-way", file);
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not clean partial renders in {}: {}", dir, e.toString());
    }
  }

  private static boolean ownerAlive(String name) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      return false;
    }
    long pid = Long.parseLong(matcher.group(1));
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
