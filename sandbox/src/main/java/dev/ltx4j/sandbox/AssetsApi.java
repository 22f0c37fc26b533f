package dev.ltx4j.sandbox;

import com.squareup.moshi.JsonAdapter;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.Asset;
import dev.ltx4j.model.AssetProperties;
import dev.ltx4j.model.AssetResponse;
import dev.ltx4j.model.AssetUploadRequest;
import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.Responses;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/** {@code GET /v1/assets/{id}} (with a fresh signed CDN URL) and {@code POST /v1/assets} (a data URL image). */
final class AssetsApi {
  static final int MAX_IMAGE_BYTES = 6 * 1024 * 1024;
  private static final Pattern DATA_URL = Pattern.compile("data:(image/[A-Za-z0-9.+-]+);base64,(.*)", Pattern.DOTALL);
  private static final JsonAdapter<AssetUploadRequest> UPLOAD = Json.moshi().adapter(AssetUploadRequest.class);
  private final State state;

  AssetsApi(State state) {
    this.state = state;
  }

  MockResponse get(String assetId) {
    Optional<AssetRecord> asset = state.assets.find(assetId);
    AssetRecord.StoredFile file = asset.map(AssetRecord::ready).orElse(null);
    if (file == null) {
      return Responses.reason(404, "Asset not found");
    }
    return Responses.json(200, AssetResponse.builder().asset(view(asset.get(), file)).build());
  }

  MockResponse create(String body) {
    AssetUploadRequest upload;
    try {
      upload = UPLOAD.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return Responses.reason(400, "Invalid JSON body: " + e.getMessage());
    }
    Matcher dataUrl = DATA_URL.matcher(upload.image());
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
    AssetRecord asset = Images.store(state, state.ids.next("asset"), dataUrl.group(1), upload.name(), bytes);
    return Responses.json(200, AssetResponse.builder().asset(view(asset, asset.ready())).build());
  }

  private Asset view(AssetRecord asset, AssetRecord.StoredFile file) {
    return Asset.builder()
        .id(asset.id())
        .url(state.signed(asset.cdnPath()).toString())
        .mimeType(asset.mimeType())
        .createdAt(file.readyAt().atOffset(ZoneOffset.UTC))
        .metadata(asset.metadata())
        .properties(AssetProperties.builder()
            .size(file.size())
            .duration(asset.durationSeconds())
            .width(file.width())
            .height(file.height())
            .build())
        .build();
  }
}
