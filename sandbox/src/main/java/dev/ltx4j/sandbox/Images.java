package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;

/** Stores uploaded images as assets on disk. */
final class Images {
  private Images() {}

  static AssetRecord store(State state, String assetId, String mimeType, String name, byte[] bytes) {
    String extension = mimeType.substring(mimeType.indexOf('/') + 1).replace("jpeg", "jpg").replaceAll("[^a-z0-9]", "");
    try {
      Path dir = Files.createDirectories(state.dataDir.resolve("assets"));
      Path file = dir.resolve(assetId + "." + extension);
      Files.write(file, bytes);
      return stored(state, assetId, mimeType, name, file, extension);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AssetRecord stored(State state, String assetId, String mimeType, String name, Path file, String extension)
      throws IOException {
    Integer width = null;
    Integer height = null;
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
    AssetRecord.StoredFile stored = new AssetRecord.StoredFile(file, Files.size(file), width, height, state.now());
    AssetRecord asset = new AssetRecord(assetId, mimeType, extension, CompletableFuture.completedFuture(stored),
        metadata, null);
    state.assets.add(asset);
    return asset;
  }
}
