package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.KEY;
import static dev.ltx4j.contract.Contract.json;
import static dev.ltx4j.contract.Contract.request;
import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.matchingrules.RegexMatcher;
import dev.ltx4j.LtxClient;
import java.io.IOException;
import java.util.Arrays;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A multipart upload of an image of 6 MB, the smallest size that takes this path: one 8 MiB part is enough, so the
 * flow is create, PUT the part to its presigned URL, complete, read the upload until it names the asset.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class UploadContractTest {
  /** A PNG signature and header, then filler up to exactly the size from which uploads go in parts. */
  static final byte[] LARGE_PNG = Arrays.copyOf(AssetContractTest.TINY_PNG, 6_000_000);
  static final String UPLOAD_ID_PATTERN = "upload_[A-Za-z0-9_-]+";
  static final String UPLOAD_STATUS_PATTERN = "pending|validating|validated|imported|complete|failed";
  /**
   * Where the provider takes the part: the presigned URL it hands out in the created upload, on any host, as
   * {@code /upload-parts/<upload id>/1?<signature>}; the mock server hands out its own.
   */
  static final String PART_PATH = "/upload-parts/upload_abc123/1";
  static final String PART_QUERY = "X-Amz-Signature=abc123";

  @Pact(consumer = Contract.CONSUMER)
  V4Pact create(PactDslWithProvider builder) {
    return json(request(builder.uponReceiving("a start of a multipart upload of a 6 MB image"), KEY, "POST",
            "/v1/uploads"))
        .body(newJsonBody(body -> body.stringValue("fileName", "large-frame.png").stringValue("contentType", "image/png")
            .numberValue("fileSize", 6_000_000).stringValue("kind", "image").numberValue("parts", 1)).build())
        .willRespondWith()
        .status(200)
        .body(newJsonBody(body -> body.object("upload", upload -> upload
            .stringMatcher("id", UPLOAD_ID_PATTERN, "upload_abc123")
            .stringMatcher("status", UPLOAD_STATUS_PATTERN, "pending")
            .array("parts", parts -> parts.object(part -> part
                .numberValue("number", 1)
                .matchUrl2("url", "upload-parts", new RegexMatcher(UPLOAD_ID_PATTERN, "upload_abc123"),
                    new RegexMatcher("1\\?[^#]+", "1?" + PART_QUERY))
                .stringMatcher("expires", Contract.TIMESTAMP_PATTERN, Contract.TIMESTAMP_EXAMPLE))))).build())
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact putPart(PactDslWithProvider builder) {
    return builder.given(Contract.UPLOAD_AWAITS_PART).uponReceiving("a part of a multipart upload sent to its URL")
        .method("PUT")
        .path(PART_PATH)
        .query(PART_QUERY)
        .matchHeader("Content-Type", "application/octet-stream(;.*)?", "application/octet-stream")
        .willRespondWith()
        .status(200)
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact complete(PactDslWithProvider builder) {
    return json(request(builder.given(Contract.UPLOAD_HAS_PARTS).uponReceiving("a completion of a multipart upload"),
            KEY, "POST", "/v1/uploads/upload_abc123/action"))
        .body(newJsonBody(body -> body.stringValue("action", "complete")).build())
        .willRespondWith()
        .status(200)
        .body(newJsonBody(body -> body.object("upload", upload -> upload
            .stringValue("id", "upload_abc123")
            .stringMatcher("status", "pending|validating|validated", "validating"))).build())
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact imported(PactDslWithProvider builder) {
    return request(builder.given(Contract.UPLOAD_IMPORTED).uponReceiving("a read of an upload that was imported"),
            KEY, "GET", "/v1/uploads/upload_abc123")
        .willRespondWith()
        .status(200)
        .body(newJsonBody(body -> body.object("upload", upload -> upload
            .stringValue("id", "upload_abc123")
            .stringMatcher("status", "imported|complete", "imported")
            .stringValue("entityId", "asset_start123"))).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethods = {"create", "putPart", "complete", "imported"})
  void uploadsA6MbImageInOnePartWithoutApiCredentialsAndReturnsTheImportedAsset(MockServer server) throws IOException {
    try (Wire wire = new Wire(); LtxClient client = Contract.builderWithStorageElsewhere(server, wire).build()) {
      String assetId = client.assets().uploadImage(LARGE_PNG, "large-frame.png");

      assertThat(assetId).isEqualTo("asset_start123");
      Request part = wire.sent("PUT", PART_PATH).get(0);
      assertThat(part.url().encodedQuery()).isEqualTo(PART_QUERY);
      assertThat(part.header("Authorization")).isNull();
      assertThat(part.body().contentLength()).isEqualTo(LARGE_PNG.length);
      assertThat(wire.sent("POST", "/v1/uploads").get(0).header("Authorization")).startsWith("Basic ");
    }
  }
}
