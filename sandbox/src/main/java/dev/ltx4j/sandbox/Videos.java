package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.GenerateInput;
import dev.ltx4j.sandbox.internal.VideoRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Video assets: what a generation produces, and what seeded jobs point at. */
final class Videos {
  private final VideoRenderer renderer;

  Videos(VideoRenderer renderer) {
    this.renderer = renderer;
  }

  /** The asset a generation produces; its file renders in the background (or comes from the cache). */
  AssetRecord generated(String assetId, GenerateInput request) {
    int duration = request.durationOrDefault();
    int fps = request.fpsOrDefault();
    boolean portrait = request.portrait();
    String resolution = request.resolutionOrDefault();
    int longSide = switch (resolution) {
      case "2k" -> 2560;
      case "4k" -> 3840;
      default -> 1920;
    };
    int shortSide = longSide * 9 / 16;
    boolean audio = request.audio();
    CompletableFuture<VideoRenderer.Video> video = renderer.render(duration, fps, portrait, audio);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("kind", "video");
    metadata.put("modelId", Model.ID);
    metadata.put("fps", fps);
    metadata.put("aspectRatio", portrait ? "9:16" : "16:9");
    metadata.put("requestedResolution", resolution);
    metadata.put("requestedWidth", portrait ? shortSide : longSide);
    metadata.put("requestedHeight", portrait ? longSide : shortSide);
    metadata.put("width", portrait ? VideoRenderer.SHORT_SIDE : VideoRenderer.LONG_SIDE);
    metadata.put("height", portrait ? VideoRenderer.LONG_SIDE : VideoRenderer.SHORT_SIDE);
    metadata.put("audio", audio);
    metadata.put("simulated", true);
    return new AssetRecord(assetId, "video/mp4", "mp4", video.thenApply(v ->
        new AssetRecord.StoredFile(v.path(), v.size(), v.width(), v.height(), v.readyAt())), metadata,
        (double) duration);
  }

  /** The default video (6 s, 25 fps, 16:9) under a chosen id, for seeded jobs. */
  AssetRecord seeded(String assetId) {
    return generated(assetId, new GenerateInput(java.util.Map.of("prompt", "seeded")));
  }
}
