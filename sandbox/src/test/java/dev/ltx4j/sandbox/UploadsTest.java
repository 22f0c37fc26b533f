package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.Asset;
import dev.ltx4j.model.AssetResponse;
import dev.ltx4j.model.Upload;
import dev.ltx4j.model.UploadResponse;
import dev.ltx4j.model.UploadStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Image uploads: a data URL to /assets, and the multipart flow through presigned part URLs on the CDN. */
@ExtendWith(SandboxExtension.class)
class UploadsTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @Test
  void storesADataUrlImageAsAnAssetWithItsSize(Sandbox sandbox) throws IOException {
    String body = "{\"image\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(png(64, 48))
        + "\",\"name\":\"first.png\"}";
    Asset asset = post(sandbox, "/assets", body, AssetResponse.class).asset();

    assertThat(asset.id()).startsWith("asset_");
    assertThat(asset.mimeType()).isEqualTo("image/png");
    assertThat(asset.properties().width()).isEqualTo(64);
    assertThat(Http.asset(sandbox, asset.id()).properties().height()).isEqualTo(48);
  }

  @Test
  void importsAMultipartUploadOncePartsArePutAndItIsCompleted(Sandbox sandbox) throws Exception {
    byte[] image = png(32, 32);
    byte[] file = Arrays.copyOf(image, (int) UploadRoutes.MIN_PART_BYTES + 10); // PNG readers ignore the tail
    String create = "{\"fileName\":\"big.png\",\"contentType\":\"image/png\",\"fileSize\":" + file.length
        + ",\"kind\":\"image\",\"parts\":2}";
    Upload upload = post(sandbox, "/uploads", create, UploadResponse.class).upload();
    assertThat(upload.status()).isEqualTo(UploadStatus.PENDING);
    assertThat(upload.parts()).hasSize(2);

    put(upload.parts().get(0).url(), Arrays.copyOfRange(file, 0, (int) UploadRoutes.MIN_PART_BYTES));
    put(upload.parts().get(1).url(), Arrays.copyOfRange(file, (int) UploadRoutes.MIN_PART_BYTES, file.length));
    post(sandbox, "/uploads/" + upload.id() + "/action", "{\"action\":\"complete\"}", UploadResponse.class);
    Upload done = awaitProcessed(sandbox, upload.id());

    assertThat(done.status()).isEqualTo(UploadStatus.IMPORTED);
    assertThat(Http.asset(sandbox, done.entityId()).properties().size()).isEqualTo(file.length);
    assertThat(sandbox.counters().cdnAuthorizationHeaders()).isEmpty();
  }

  @Test
  void failsAnUploadWithAMissingPart(Sandbox sandbox) throws Exception {
    String create = "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"fileSize\":10,\"kind\":\"image\",\"parts\":1}";
    Upload upload = post(sandbox, "/uploads", create, UploadResponse.class).upload();

    post(sandbox, "/uploads/" + upload.id() + "/action", "{\"action\":\"complete\"}", UploadResponse.class);
    Upload done = awaitProcessed(sandbox, upload.id());

    assertThat(done.status()).isEqualTo(UploadStatus.FAILED);
    assertThat(done.errorMessage()).contains("Part 1");
  }

  private static Upload awaitProcessed(Sandbox sandbox, String uploadId) throws Exception {
    for (int i = 0; i < 50; i++) {
      Request request = ApiBehaviourTest.authorized(sandbox, "/uploads/" + uploadId).build();
      try (Response response = Http.CLIENT.newCall(request).execute()) {
        Upload upload = Json.moshi().adapter(UploadResponse.class).fromJson(response.body().source()).upload();
        if (upload.status() != UploadStatus.VALIDATING && upload.status() != UploadStatus.PENDING) {
          return upload;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("upload " + uploadId + " was never processed");
  }

  private static void put(String url, byte[] bytes) throws IOException {
    Request request = new Request.Builder().url(url).put(RequestBody.create(bytes)).build();
    try (Response response = Http.CLIENT.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  private static <T> T post(Sandbox sandbox, String path, String json, Class<T> type) throws IOException {
    Request request = ApiBehaviourTest.authorized(sandbox, path).post(RequestBody.create(json, JSON)).build();
    try (Response response = Http.CLIENT.newCall(request).execute()) {
      assertThat(response.code()).as(path).isEqualTo(200);
      return Json.moshi().adapter(type).fromJson(response.body().source());
    }
  }

  static byte[] png(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }
}
