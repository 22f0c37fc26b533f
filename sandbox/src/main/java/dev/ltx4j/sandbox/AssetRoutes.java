package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.Dialect;
import dev.ltx4j.sandbox.internal.Ids;
import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/assets/{id}} (with a fresh signed CDN URL), {@code POST /v1/assets/get-bulk} (several such reads in
 * one request) and {@code POST /v1/assets} (a data URL image).
 */
final class AssetRoutes {
  static final int MAX_IMAGE_BYTES = 6 * 1024 * 1024;
  private static final Pattern DATA_URL = Pattern.compile("data:(image/[A-Za-z0-9.+-]+);base64,(.*)", Pattern.DOTALL);
  private final AssetStore assets;
  private final Images images;
  private final Ids ids;
  private final CdnLinks links;
  private final Dialect dialect;

  AssetRoutes(AssetStore assets, Images images, Ids ids, CdnLinks links, Dialect dialect) {
    this.assets = assets;
    this.images = images;
    this.ids = ids;
    this.links = links;
    this.dialect = dialect;
  }

  MockResponse get(String assetId) {
    return readable(assetId)
        .map(asset -> Responses.json(200, Json.object("asset", asset)))
        .orElseGet(() -> Responses.reason(404, "Asset not found"));
  }

  /**
   * The readable assets among {@code assetIds}, each as {@link #get} answers it, once per id; ids not found (or not
   * readable yet) are left out, as the service leaves out what the team cannot read. The body already passed the
   * spec check, which refuses more than 200 ids; without {@code assetIds} the answer is empty.
   */
  MockResponse getBulk(@Nullable String body) {
    Map<String, Object> request;
    try {
      request = Json.readObject(body);
    } catch (IllegalArgumentException e) {
      return Responses.reason(400, e.getMessage());
    }
    List<Map<String, Object>> found = new ArrayList<>();
    if (request.get("assetIds") instanceof List<?> assetIds) {
      new LinkedHashSet<>(assetIds).forEach(id -> readable(String.valueOf(id)).ifPresent(found::add));
    }
    return Responses.json(200, Json.object("assets", found));
  }

  /** The asset as JSON with a freshly signed URL, if it exists and its file is ready. */
  private Optional<Map<String, Object>> readable(String assetId) {
    Optional<AssetRecord> asset = assets.find(assetId);
    AssetRecord.StoredFile file = asset.map(AssetRecord::ready).orElse(null);
    return file == null ? Optional.empty() : Optional.of(toJson(asset.get(), file));
  }

  /** Stores an image sent as a data URL; the body already passed the spec check. */
  MockResponse create(@Nullable String body) {
    Map<String, Object> upload;
    try {
      upload = Json.readObject(body);
    } catch (IllegalArgumentException e) {
      return Responses.reason(400, e.getMessage());
    }
    Matcher dataUrl = DATA_URL.matcher(String.valueOf(upload.get("image")));
    if (!dataUrl.matches()) {
      return Responses.reason(400, "Input image must be an image data URL: data:image/<type>;base64,<data>");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(dataUrl.group(2));
    } catch (IllegalArgumentException e) {
      return Responses.reason(400, "Input image is not valid base64");
    }
    if (bytes.length >= MAX_IMAGE_BYTES) {
      return Responses.reason(413, "Image too large for a direct upload (6 MB at most): use /uploads");
    }
    String name = upload.get("name") instanceof String text ? text : null;
    AssetRecord asset = images.store(ids.next("asset"), dataUrl.group(1), name, bytes);
    AssetRecord.StoredFile file = Objects.requireNonNull(asset.ready(), "an image is stored before it is added");
    return Responses.json(200, Json.object("asset", toJson(asset, file)));
  }

  private Map<String, Object> toJson(AssetRecord asset, AssetRecord.StoredFile file) {
    return Json.object(
        "id", asset.id(),
        "url", links.asset(asset.cdnPath()).toString(),
        "mimeType", asset.mimeType(),
        "createdAt", dialect.timestamp(file.readyAt()),
        "metadata", asset.metadata(),
        "properties", Json.object("size", file.size(), "duration", asset.durationSeconds(),
            "width", file.width(), "height", file.height()));
  }
}
