package dev.ltx4j;

import java.util.Objects;

/**
 * How to download: whether an existing file may be replaced, and who hears the progress.
 *
 * @param overwrite replace an existing target file; by default an existing file is refused before any request
 * @param listener hears bytes written and the total
 */
public record DownloadOptions(boolean overwrite, TransferListener listener) {
  public DownloadOptions {
    Objects.requireNonNull(listener, "listener == null");
  }

  /** Refuse existing files, no listener. */
  public static DownloadOptions defaults() {
    return new DownloadOptions(false, TransferListener.NONE);
  }

  public DownloadOptions withOverwrite(boolean overwrite) {
    return new DownloadOptions(overwrite, listener);
  }

  public DownloadOptions withListener(TransferListener listener) {
    return new DownloadOptions(overwrite, listener);
  }
}
