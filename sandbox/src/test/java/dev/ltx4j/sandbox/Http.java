package dev.ltx4j.sandbox;

import dev.ltx4j.LtxClient;
import dev.ltx4j.model.Asset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Reading an asset through the client, and downloading a file without it, as a CDN download must be done. */
final class Http {
  static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();

  private Http() {}

  static Asset asset(Sandbox sandbox, String assetId) {
    try (LtxClient client = sandbox.newClient()) {
      return client.assets().get(assetId);
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
