package dev.ltx4j.cli;

import dev.ltx4j.InvalidRequestException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks that videos can be saved before anything is paid for, and tells a failed save apart from a failed
 * download afterwards. Writing a probe file is the only honest test: permissions, read-only mounts, a full disk
 * and a regular file where a folder should be all show up the same way.
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * Creates {@code dir} if missing and proves a file can be written in it.
   *
   * @throws CommandException with {@link ExitCodes#USAGE} naming the path and the reason
   */
  static void requireWritableFolder(Path dir) {
    problem(dir, true).ifPresent(reason -> {
      throw new CommandException(ExitCodes.USAGE, "cannot save videos in " + dir + ": " + reason
          + "; nothing was sent");
    });
  }

  /**
   * Checks that {@code file} can be written (its folder is created if missing) and is not in the way.
   *
   * @throws CommandException with {@link ExitCodes#USAGE} naming the path and the reason
   */
  static void requireWritableFile(Path file, boolean overwrite) {
    if (Files.isDirectory(file)) {
      throw new CommandException(ExitCodes.USAGE, "cannot save the video as " + file + ": it is a folder; "
          + "nothing was sent");
    }
    if (!overwrite && Files.exists(file)) {
      throw new CommandException(ExitCodes.USAGE, "output " + file + " exists; pass --overwrite to replace it");
    }
    problem(folderOf(file), true).ifPresent(reason -> {
      throw new CommandException(ExitCodes.USAGE, "cannot save the video as " + file + ": " + reason
          + "; nothing was sent");
    });
  }

  /**
   * Why a file could not be written in {@code target}'s folder now, if it cannot: after a failed save, this tells a
   * local fault (exit {@link ExitCodes#NOT_SAVED}) from a network one.
   */
  static Optional<String> saveProblem(Throwable failure, Path target) {
    if (Files.isDirectory(target)) {
      return Optional.of(target + " is a folder");
    }
    if (failure instanceof InvalidRequestException && Files.exists(target)) {
      return Optional.of(target + " already exists"); // the client refuses to replace it
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FileSystemException local) {
        return Optional.of(reason(folderOf(target), local));
      }
    }
    return problem(folderOf(target), false);
  }

  /** The folder {@code file} is saved in; a file system's root (a folder, refused before this) stands for itself. */
  private static Path folderOf(Path file) {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    return parent == null ? absolute : parent;
  }

  private static Optional<String> problem(Path dir, boolean create) {
    try {
      if (create) {
        Files.createDirectories(dir);
      } else if (!Files.isDirectory(dir)) {
        return Optional.of(reason(dir, null));
      }
      Path probe = Files.createTempFile(dir, ".ltx4j-write-check-", ".tmp");
      try {
        Files.write(probe, new byte[] {0});
      } finally {
        Files.deleteIfExists(probe);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(reason(dir, e));
    }
  }

  /** The clearest reason: a regular file where a folder should be, a missing folder, denied access, else the OS's. */
  private static String reason(Path dir, @Nullable IOException e) {
    for (Path path = dir.toAbsolutePath(); path != null; path = path.getParent()) {
      if (Files.exists(path)) {
        if (!Files.isDirectory(path)) {
          return path + " is a file, not a folder";
        }
        break;
      }
    }
    if (e == null) {
      return dir + " does not exist any more";
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " already exists";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
