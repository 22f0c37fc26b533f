package dev.ltx4j.internal.transfer;

import java.nio.file.Path;

/**
 * How the files of a job with several assets are named, by {@code Assets.downloadAll} and the CLI alike: the first
 * keeps the name it was given, the n-th gets {@code -n} before its extension ({@code clip.mp4}, {@code clip-2.mp4},
 * …), so that a job with one video, the usual case, gets exactly the name asked for.
 */
public final class FileNames {
  private FileNames() {}

  /** The name of file {@code n} (from 1) of a job whose first file is {@code first}. */
  public static Path numbered(Path first, int n) {
    if (n == 1) {
      return first;
    }
    String name = first.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered = dot <= 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
    return first.resolveSibling(numbered);
  }
}
