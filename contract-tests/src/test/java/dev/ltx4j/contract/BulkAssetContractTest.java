package dev.ltx4j.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static dev.ltx4j.contract.AssetContractTest.SIGNED_URL_PATTERN;
import static dev.ltx4j.contract.Contract.KEY;
import static dev.ltx4j.contract.Contract.json;
import static dev.ltx4j.contract.Contract.request;
import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.LambdaDslObject;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.ltx4j.LtxClient;
import dev.ltx4j.model.Asset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading several assets in one request ({@code POST /v1/assets/get-bulk}), with the spec's documented examples:
 * two generated videos in any order, and an id that does not exist left out of the answer.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Contract.PROVIDER, pactVersion = PactSpecVersion.V4)
class BulkAssetContractTest {
  static final String PATH = "/v1/assets/get-bulk";
  static final String URL_ABC = "https://cdn.cloud.scenario.com/assets/asset_abc123.mp4"
      + "?Policy=eyJ&Signature=abc~def&Key-Pair-Id=K2ABC";
  static final String URL_DEF = "https://cdn.cloud.scenario.com/assets/asset_def456.mp4"
      + "?Policy=eyJ&Signature=ghi~jkl&Key-Pair-Id=K2ABC";

  /** The spec's request example {@code twoVideos}, literally. */
  static final DslPart TWO_IDS = ids("asset_abc123", "asset_def456");
  /** The ids the spec's example {@code unknownIdLeftOut} answers. */
  static final DslPart ONE_UNKNOWN_ID = ids("asset_abc123", "asset_gone999");

  /**
   * The spec's answer {@code twoVideos}: its values are the examples; the URL, the date and the sizes are matched by
   * shape, as for a single read, and the two assets may come in either order.
   */
  static final DslPart TWO_VIDEOS = newJsonBody(body -> body.arrayContaining("assets", assets -> assets
      .object(asset -> video(asset, "asset_abc123", URL_ABC, "2026-07-29T10:01:00.000Z", 1843200, 6))
      .object(asset -> video(asset, "asset_def456", URL_DEF, "2026-07-29T10:01:30.000Z", 2457600, 8)))).build();

  /** The spec's answer {@code unknownIdLeftOut}: exactly one asset, the one that exists. */
  static final DslPart UNKNOWN_ID_LEFT_OUT = newJsonBody(body -> body.array("assets", assets -> assets
      .object(asset -> asset
          .stringValue("id", "asset_abc123")
          .stringMatcher("url", SIGNED_URL_PATTERN, URL_ABC)
          .stringValue("mimeType", "video/mp4")))).build();

  @Pact(consumer = Contract.CONSUMER)
  V4Pact twoVideos(PactDslWithProvider builder) {
    return json(request(builder.given(Contract.TWO_VIDEO_ASSETS).uponReceiving("a bulk read of two generated videos"),
            KEY, "POST", PATH))
        .body(TWO_IDS)
        .willRespondWith()
        .status(200)
        .body(TWO_VIDEOS)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "twoVideos")
  void readsBothAssetsInOneRequestWithTheirSignedUrlsByteForByte(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Map<String, Asset> assets = client.assets().getAll(List.of("asset_abc123", "asset_def456"));

      assertThat(assets).containsOnlyKeys("asset_abc123", "asset_def456");
      assertThat(assets.get("asset_abc123").url()).isEqualTo(URL_ABC);
      assertThat(assets.get("asset_def456").url()).isEqualTo(URL_DEF);
      assertThat(assets.get("asset_def456").mimeType()).isEqualTo("video/mp4");
      assertThat(assets.get("asset_def456").properties().size()).isEqualTo(2457600L);
    }
  }

  @Pact(consumer = Contract.CONSUMER)
  V4Pact unknownIdLeftOut(PactDslWithProvider builder) {
    return json(request(builder.given(Contract.VIDEO_ASSET)
            .uponReceiving("a bulk read of a video and an asset that does not exist"), KEY, "POST", PATH))
        .body(ONE_UNKNOWN_ID)
        .willRespondWith()
        .status(200)
        .body(UNKNOWN_ID_LEFT_OUT)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "unknownIdLeftOut")
  void leavesTheUnknownIdOutOfTheAnswerWithoutAnotherRequest(MockServer server) {
    try (LtxClient client = Contract.client(server)) {
      Map<String, Asset> assets = client.assets().getAll(List.of("asset_abc123", "asset_gone999"));

      assertThat(assets).containsOnlyKeys("asset_abc123");
      assertThat(assets.get("asset_abc123").url()).isEqualTo(URL_ABC);
    }
  }

  private static DslPart ids(String... assetIds) {
    return newJsonBody(body -> body.array("assetIds", ids -> List.of(assetIds).forEach(ids::stringValue))).build();
  }

  private static void video(LambdaDslObject asset, String id, String url, String createdAt, int size,
      int duration) {
    asset.stringValue("id", id)
        .stringMatcher("url", SIGNED_URL_PATTERN, url)
        .stringValue("mimeType", "video/mp4")
        .stringMatcher("createdAt", Contract.TIMESTAMP_PATTERN, createdAt)
        .object("metadata", metadata -> metadata.stringValue("kind", "video"))
        .object("properties", properties -> properties
            .integerType("size", size)
            .numberType("duration", duration));
  }
}
