package dev.ltx4j.sandbox;

import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.Asset;
import dev.ltx4j.model.AssetResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Plain OkHttp calls for what the client does not cover yet: reading assets and downloading files. */
final class Http {
  static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();

  private Http() {}

  static Asset asset(Sandbox sandbox, String assetId) throws IOException {
    Request request = ApiBehaviourTest.authorized(sandbox, "/assets/" + assetId).build();
    try (Response response = CLIENT.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("GET asset answered " + response.code() + ": " + response.body().string());
      }
      return Json.moshi().adapter(AssetResponse.class).fromJson(response.body().source()).asset();
    }
  }

  /** Downloads without credentials, as a CDN download must be done. */
  static Path download(String url, Path target) throws IOException {
    try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      if (response.code() != 200) {
        throw new IOException("download answered " + response.code());
      }
      try (var in = response.body().byteStream()) {
        Files.copy(in, target);
      }
    }
    return target;
  }
}
