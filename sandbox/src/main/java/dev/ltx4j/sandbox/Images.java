package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.AssetStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Stores uploaded images as assets on disk. */
final class Images {
  private final Path dir;
  private final Clock clock;
  private final AssetStore assets;

  /** Images kept as files in {@code dir} (made when the first arrives), added to {@code assets}. */
  Images(Path dir, Clock clock, AssetStore assets) {
    this.dir = dir;
    this.clock = clock;
    this.assets = assets;
  }

  AssetRecord store(String assetId, String mimeType, @Nullable String name, byte[] bytes) {
    String extension = mimeType.substring(mimeType.indexOf('/') + 1).replace("jpeg", "jpg").replaceAll("[^a-z0-9]", "");
    try {
      Path file = file(assetId, extension);
      Files.write(file, bytes);
      return stored(assetId, mimeType, name, file, extension);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the image asset {@code assetId} is to be kept. */
  Path file(String assetId, String extension) throws IOException {
    return Files.createDirectories(dir).resolve(assetId + "." + extension);
  }

  /** Adds the image already at {@code file} as an asset. */
  AssetRecord stored(String assetId, String mimeType, @Nullable String name, Path file, String extension)
      throws IOException {
    @Nullable Integer width = null;
    @Nullable Integer height = null;
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image != null) {
        width = image.getWidth();
        height = image.getHeight();
      }
    } catch (IOException | RuntimeException unreadable) {
      // Formats ImageIO cannot read (WebP, AVIF, HEIC…) are stored without dimensions.
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("kind", "image");
    if (name != null) {
      metadata.put("name", name);
    }
    AssetRecord.StoredFile stored = new AssetRecord.StoredFile(file, Files.size(file), width, height, clock.instant());
    AssetRecord asset = new AssetRecord(assetId, mimeType, extension, CompletableFuture.completedFuture(stored),
        metadata, null);
    assets.add(asset);
    return asset;
  }
}
