package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.Contract.ASSET_ID_PATTERN;
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
import dev.ltx4j.LtxClient;
import dev.ltx4j.model.Asset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading a generated video's asset with its signed CDN URL, and uploading a small image as a data URL. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class AssetContractTest {
  /**
   * A CloudFront-style signed URL: its URL-safe base64 uses {@code -}, {@code _} and {@code ~}, which a client that
   * decodes or re-encodes the query would change.
   */
  static final String SIGNED_URL = "https://cdn.cloud.scenario.com/assets/asset_abc123.mp4"
      + "?Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9jZG4uY2xvdWQuc2NlbmFyaW8uY29tLyoifV19"
      + "&Signature=Zm9v~YmFy-YmF6_cXV4~&Key-Pair-Id=K2ABCDEFGHIJKL";
  /** Any http(s) URL whose query holds Policy, Signature and Key-Pair-Id: the CDN's host is the provider's. */
  static final String SIGNED_URL_PATTERN =
      "https?://[^/?#]+/[^?#]*\\?(?=(.*&)?Policy=[^&]+)(?=(.*&)?Signature=[^&]+)(?=(.*&)?Key-Pair-Id=[^&]+).+";
  static final String PNG_DATA_URL_PATTERN = "^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$";
  /** A valid 1x1 PNG. */
  static final byte[] TINY_PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

  @Pact(consumer = Contract.CONSUMER)
  V4Pact generatedVideo(PactDslWithProvider builder) {
    return request(builder.given(Contract.VIDEO_ASSET).uponReceiving("a read of a generated video asset"), KEY,
            "GET", "/v1/assets/asset_abc123")
        .willRespondWith()
        .status(200)
        .body(newJsonBody(body -> body.object("asset", asset -> asset
            .stringValue("id", "asset_abc123")
            .stringMatcher("url", SIGNED_URL_PATTERN, SIGNED_URL)
            .stringValue("mimeType", "video/mp4")
            .stringMatcher("createdAt", Contract.TIMESTAMP_PATTERN, Contract.TIMESTAMP_EXAMPLE)
            .object("properties", properties -> properties
                .integerType("size", 1843200)
                .numberType("duration", 6)))).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "generatedVideo")
  void returnsTheSignedUrlByteForByte(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Asset asset = client.assets().get("asset_abc123");

      assertThat(asset.id()).isEqualTo("asset_abc123");
      assertThat(asset.url()).isEqualTo(SIGNED_URL);
      assertThat(asset.mimeType()).isEqualTo("video/mp4");
      assertThat(asset.createdAt()).isNotNull();
      assertThat(asset.properties().size()).isEqualTo(1843200L);
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact smallImage(PactDslWithProvider builder) {
    return json(request(builder.uponReceiving("an upload of a small PNG image"), KEY, "POST", "/v1/assets"))
        .body(newJsonBody(body -> body
            .stringMatcher("image", PNG_DATA_URL_PATTERN, dataUrl(TINY_PNG))
            .stringValue("name", "first-frame.png")).build())
        .willRespondWith()
        .status(200)
        .body(newJsonBody(body -> body.object("asset", asset -> asset
            .stringMatcher("id", ASSET_ID_PATTERN, "asset_start123"))).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "smallImage")
  void uploadsASmallImageAsAPngDataUrlAndReturnsTheNewAssetId(MockServer server) {
    try (Wire wire = new Wire(); LtxClient client = Contract.builder(server, KEY).okHttpClient(wire.http()).build()) {
      String assetId = client.assets().uploadImage(TINY_PNG, "first-frame.png");

      assertThat(assetId).isEqualTo("asset_start123");
      Request sent = wire.sent("POST", "/v1/assets").get(0);
      Matcher image = Pattern.compile("\"image\":\"data:image/png;base64,([^\"]+)\"").matcher(Wire.body(sent));
      assertThat(image.find()).isTrue();
      assertThat(Base64.getDecoder().decode(image.group(1))).isEqualTo(TINY_PNG);
    }
  }

  static String dataUrl(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
