package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.internal.transfer.Uploader;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A successful upload answer without a field the upload needs is an answer the client cannot use. */
class UploadAnswerTest {
  private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  @StartStop private final MockWebServer api = new MockWebServer();
  @StartStop private final MockWebServer cdn = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void anAssetAnswerWithoutItsIdIsUnexpectedAndNamesTheField() {
    api.enqueue(json("{\"asset\": {\"mimeType\": \"image/png\"}}"));

    assertThatThrownBy(() -> client().assets().uploadImage(png(1000), "frame.png"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessage("POST /assets answered without asset.id");
  }

  @Test
  void anAssetAnswerWithoutABodyIsUnexpected() {
    api.enqueue(new MockResponse.Builder().code(204).build());

    assertThatThrownBy(() -> client().assets().uploadImage(png(1000), "frame.png"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessage("POST /assets answered without a body");
  }

  @Test
  void aPartWithoutItsUrlEndsTheUploadBeforeAnyPartIsSent() {
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"parts\": [" + part(1) + ", {\"number\": 2}]}}"));

    assertThatThrownBy(() -> client().assets().uploadImage(png(Uploader.PART_SIZE + 1000), "big.png"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessage("POST /uploads answered without upload.parts[1].url");
    assertThat(cdn.getRequestCount()).isZero();
  }

  @Test
  void anUploadWithoutItsIdEndsBeforeAnyPartIsSent() {
    api.enqueue(json("{\"upload\": {\"parts\": [" + part(1) + "]}}"));

    assertThatThrownBy(() -> client().assets().uploadImage(png(Uploader.PART_SIZE), "big.png"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessage("POST /uploads answered without upload.id");
    assertThat(cdn.getRequestCount()).isZero();
  }

  @Test
  void aCompletionAnswerWithoutTheUploadIsUnexpectedAndNamesTheField() {
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"parts\": [" + part(1) + "]}}"));
    api.enqueue(json("{}"));
    cdn.enqueue(new MockResponse.Builder().build());

    assertThatThrownBy(() -> client().assets().uploadImage(png(Uploader.PART_SIZE), "big.png"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessage("POST /uploads/upload_1/action answered without upload");
  }

  private LtxClient client() {
    return TestClients.client(api, time);
  }

  private String part(int n) {
    return "{\"number\": " + n + ", \"url\": \"" + cdn.url("/part" + n) + "?X-Amz-Signature=x\"}";
  }

  private static byte[] png(int size) {
    byte[] bytes = new byte[size];
    System.arraycopy(PNG_HEAD, 0, bytes, 0, PNG_HEAD.length);
    return bytes;
  }
}
