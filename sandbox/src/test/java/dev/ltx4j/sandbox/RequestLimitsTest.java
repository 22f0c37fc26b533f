package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.Upload;
import dev.ltx4j.model.UploadResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Oversized request bodies are refused with 413 after being drained, never held in memory. */
@ExtendWith(SandboxExtension.class)
class RequestLimitsTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long GIB = 1L << 30;

  @Test
  void refusesAGibibyteBodyWith413WhileTheHeapStaysSmall(Sandbox sandbox) throws Exception {
    HeapPeak peak = HeapPeak.start();
    int code;
    String body;
    try (Response response = call(ApiBehaviourTest.authorized(sandbox, "/assets").post(zeros(GIB, true)))) {
      code = response.code();
      body = response.body().string();
    }
    long growth = peak.stop();
    System.out.printf("1 GiB refused; heap growth while it streamed (sampled, garbage included): %.1f MiB%n",
        growth / 1048576.0);

    assertThat(code).isEqualTo(413);
    assertThat(body).contains("\"reason\":\"Request body too large: 1073741824 bytes");
    // Measured 11–27 MiB; a body held whole shows as 1 GiB and more (checked by turning the limit off).
    assertThat(growth).as("heap growth in bytes").isLessThan(256L << 20);
    try (Response next = call(ApiBehaviourTest.authorized(sandbox, "/jobs"))) {
      assertThat(next.code()).as("the next request").isEqualTo(200);
    }
  }

  @Test
  void refusesAChunkedBodyOverTheLimitThatNamesNoLength(Sandbox sandbox) throws IOException {
    try (Response response = call(ApiBehaviourTest.authorized(sandbox, "/assets")
        .post(zeros(BodyLimits.API + 1, false)))) {
      assertThat(response.code()).isEqualTo(413);
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }
    assertThat(sandbox.counters().requests(Endpoint.CREATE_ASSET)).isEqualTo(1);
    assertThat(sandbox.counters().submissions()).isZero();
  }

  @Test
  void takesTheLargestDirectUploadTheSandboxAccepts(Sandbox sandbox) throws IOException {
    byte[] image = Arrays.copyOf(UploadsTest.png(8, 8), AssetRoutes.MAX_IMAGE_BYTES - 1); // readers ignore the tail
    String json = "{\"image\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(image)
        + "\",\"name\":\"largest.png\"}";
    assertThat((long) json.length()).as("more than 8 MiB").isGreaterThan(8L << 20);

    try (Response response = call(ApiBehaviourTest.authorized(sandbox, "/assets")
        .post(RequestBody.create(json, JSON)))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test
  void refusesAPartPutOverTheCdnLimit(Sandbox sandbox) throws IOException {
    String create = "{\"fileName\":\"big.png\",\"contentType\":\"image/png\",\"fileSize\":" + (BodyLimits.CDN_PART + 1)
        + ",\"kind\":\"image\",\"parts\":1}";
    Upload upload;
    try (Response response = call(ApiBehaviourTest.authorized(sandbox, "/uploads")
        .post(RequestBody.create(create, JSON)))) {
      upload = Json.moshi().adapter(UploadResponse.class).fromJson(response.body().source()).upload();
    }

    String partUrl = upload.parts().get(0).url();
    try (Response response = call(new Request.Builder().url(partUrl).put(zeros(BodyLimits.CDN_PART + 1, true)))) {
      assertThat(response.code()).isEqualTo(413);
    }
    try (Response response = call(new Request.Builder().url(partUrl).put(zeros(BodyLimits.CDN_PART, true)))) {
      assertThat(response.code()).as("a part at the limit").isEqualTo(200);
    }
  }

  private static Response call(Request.Builder request) throws IOException {
    return Http.CLIENT.newCall(request.build()).execute();
  }

  /** {@code size} zero bytes written 64 KiB at a time, never held whole; chunked when the length is not told. */
  private static RequestBody zeros(long size, boolean tellLength) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public long contentLength() {
        return tellLength ? size : -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (long left = size; left > 0; left -= chunk.length) {
          sink.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
      }
    };
  }
}
