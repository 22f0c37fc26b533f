package dev.ltx4j;

/** Hears a transfer's progress: bytes moved so far and the total, or -1 while the total is unknown. */
@FunctionalInterface
public interface TransferListener {
  /** Does nothing. */
  TransferListener NONE = (bytes, total) -> {};

  void onProgress(long bytes, long total);
}
