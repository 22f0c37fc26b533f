package dev.ltx4j.sandbox.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A stored file: a generated video (available once rendered) or an uploaded image.
 *
 * @param id the asset id
 * @param mimeType the file's media type
 * @param extension the file name extension used in CDN paths, e.g. {@code mp4}
 * @param file the file, possibly still being made
 * @param metadata the asset's {@code metadata} object
 * @param durationSeconds the media's duration; null for images
 */
public record AssetRecord(String id, String mimeType, String extension, CompletableFuture<StoredFile> file,
    Map<String, Object> metadata, @Nullable Double durationSeconds) {

  /** A file on disk with its facts. {@code width} and {@code height} are null when unknown. */
  public record StoredFile(Path path, long size, @Nullable Integer width, @Nullable Integer height,
      Instant readyAt) {}

  /** The file if it is ready. */
  public @Nullable StoredFile ready() {
    return file.isDone() && !file.isCompletedExceptionally() ? file.join() : null;
  }

  /** The path on the CDN listener, before signing. */
  public String cdnPath() {
    return "/assets/" + id + "." + extension;
  }
}
