package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.model.Asset;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CDN listener: signed, expiring URLs, ranges, truncation, and a record of stray credentials. */
@ExtendWith(SandboxExtension.class)
class CdnTest {
  @Test
  void servesTheWholeFileToAValidSignedUrl(Sandbox sandbox) throws IOException {
    Asset asset = seeded(sandbox);
    try (Response response = get(asset.url(), null)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("video/mp4");
      assertThat(response.body().bytes()).hasSize(asset.properties().size().intValue());
    }
  }

  @Test
  void servesAByteRangeWith206(Sandbox sandbox) throws IOException {
    Asset asset = seeded(sandbox);
    try (Response response = get(asset.url(), "bytes=4-11")) {
      assertThat(response.code()).isEqualTo(206);
      assertThat(response.header("Content-Range")).isEqualTo("bytes 4-11/" + asset.properties().size());
      assertThat(response.body().string()).startsWith("ftyp");
    }
  }

  @Test
  void refusesATamperedUrlWith403(Sandbox sandbox) throws IOException {
    Asset asset = seeded(sandbox);
    try (Response response = get(asset.url().replace(".mp4?", ".mov?"), null)) {
      assertThat(response.code()).isEqualTo(403);
    }
    try (Response response = get(asset.url().replace("Signature=", "Signature=x"), null)) {
      assertThat(response.code()).isEqualTo(403);
    }
  }

  @Test
  void refusesAnExpiredUrlWith403AndASecondReadGivesAFreshOne(Sandbox sandbox) throws Exception {
    sandbox.seedVideoAsset("asset_expiring");
    sandbox.faults().urlLifetime(Duration.ofMillis(1));
    String expiring = Http.asset(sandbox, "asset_expiring").url();
    Thread.sleep(1100);
    try (Response response = get(expiring, null)) {
      assertThat(response.code()).isEqualTo(403);
      assertThat(response.body().string()).contains("expired");
    }
    sandbox.faults().clear();
    try (Response response = get(Http.asset(sandbox, "asset_expiring").url(), null)) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test
  void truncatesDownloadsOnDemand(Sandbox sandbox) throws IOException {
    Asset asset = seeded(sandbox);
    sandbox.faults().truncatedDownloads(1.0);
    try (Response response = get(asset.url(), null)) {
      assertThatThrownBy(() -> response.body().bytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void recordsAnyAuthorizationHeaderItReceives(Sandbox sandbox) throws IOException {
    Asset asset = seeded(sandbox);
    Request request = new Request.Builder().url(asset.url()).header("Authorization", "Basic leaked").build();
    Http.CLIENT.newCall(request).execute().close();
    assertThat(sandbox.counters().cdnAuthorizationHeaders()).containsExactly("Basic leaked");
  }

  static Asset seeded(Sandbox sandbox) throws IOException {
    sandbox.seedVideoAsset("asset_cdn");
    return Http.asset(sandbox, "asset_cdn");
  }

  private static Response get(String url, String range) throws IOException {
    Request.Builder request = new Request.Builder().url(url);
    if (range != null) {
      request.header("Range", range);
    }
    return Http.CLIENT.newCall(request.build()).execute();
  }
}
