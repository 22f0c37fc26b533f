package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.sandbox.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/assets/get-bulk} over raw HTTP: many assets in one request, each as a single read gives it. */
@ExtendWith(SandboxExtension.class)
class BulkAssetReadsTest {
  private static final String PATH = "/assets/get-bulk";

  @Test
  void readsTheAssetsOfTwoFinishedJobsInOneCallAsSingleReadsGiveThem(Sandbox sandbox, @TempDir Path dir)
      throws Exception {
    sandbox.seedJob(SeedJob.of("job_first", JobState.SUCCESS).assetIds("asset_first"));
    sandbox.seedJob(SeedJob.of("job_second", JobState.SUCCESS).assetIds("asset_second"));

    Calls.Answer answer = bulk(sandbox, "{\"assetIds\": [\"asset_first\", \"asset_second\"]}");

    assertThat(answer.status()).isEqualTo(200);
    Map<String, Map<String, Object>> assets = byId(answer);
    assertThat(assets).containsOnlyKeys("asset_first", "asset_second");
    for (String id : List.of("asset_first", "asset_second")) {
      Map<String, Object> single = asset(Json.readObject(Calls.get(sandbox, "/assets/" + id).body()));
      Map<String, Object> read = assets.get(id);
      assertThat(withoutUrl(read)).isEqualTo(withoutUrl(single));
      HttpUrl bulkUrl = HttpUrl.get((String) read.get("url"));
      HttpUrl singleUrl = HttpUrl.get((String) single.get("url"));
      assertThat(bulkUrl.newBuilder().query(null).build()).isEqualTo(singleUrl.newBuilder().query(null).build());
      assertThat(bulkUrl.queryParameterNames()).isEqualTo(singleUrl.queryParameterNames());
      Path file = Http.download(bulkUrl.toString(), dir.resolve(id + ".mp4"));
      assertThat(Files.size(file)).isEqualTo(((Number) properties(read).get("size")).longValue());
    }
    assertThat(sandbox.counters().requests(Endpoint.GET_ASSETS_BULK)).isEqualTo(1);
  }

  @Test
  void leavesOutAnIdThatDoesNotExist(Sandbox sandbox) {
    sandbox.seedVideoAsset("asset_abc123");

    Calls.Answer answer = bulk(sandbox, "{\"assetIds\": [\"asset_abc123\", \"asset_gone999\"]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(byId(answer)).containsOnlyKeys("asset_abc123");
  }

  @Test
  void answersAnIdAskedTwiceOnce(Sandbox sandbox) {
    sandbox.seedVideoAsset("asset_abc123");

    Calls.Answer answer = bulk(sandbox, "{\"assetIds\": [\"asset_abc123\", \"asset_abc123\"]}");

    assertThat(assetList(answer)).hasSize(1);
  }

  @Test
  void refuses201IdsWholeWith400(Sandbox sandbox) {
    sandbox.seedVideoAsset("asset_id0");

    Calls.Answer answer = bulk(sandbox, idsBody(201));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("\"reason\":\"Input assetIds is invalid").doesNotContain("asset_id0");
    assertThat(bulk(sandbox, idsBody(200)).status()).as("200 is the most").isEqualTo(200);
  }

  @Test
  void answersAnEmptyListWhenAssetIdsIsLeftOut(Sandbox sandbox) {
    sandbox.seedVideoAsset("asset_abc123");

    Calls.Answer answer = bulk(sandbox, "{}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"assets\":[]}");
  }

  @Test
  void countsOneRequestTowardTheRateHoweverManyAssetsItReads() {
    try (Sandbox sandbox = Sandbox.builder().requestsPerMinute(2).start()) {
      for (int i = 0; i < 50; i++) {
        sandbox.seedVideoAsset("asset_id" + i);
      }

      Calls.Answer answer = bulk(sandbox, idsBody(50));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(assetList(answer)).hasSize(50);
      assertThat(sandbox.counters().requests(Endpoint.GET_ASSETS_BULK)).isEqualTo(1);
      assertThat(Calls.get(sandbox, "/assets/asset_id0").status()).as("the second call of two").isEqualTo(200);
      assertThat(bulk(sandbox, idsBody(1)).status()).as("the third").isEqualTo(429);
      assertThat(sandbox.counters().maxRequestsInWindow()).isEqualTo(2);
    }
  }

  @Test
  void meetsTheFaultsSetForItsEndpoint(Sandbox sandbox) {
    sandbox.seedVideoAsset("asset_abc123");
    sandbox.faults().serverErrors(1.0, 503, Endpoint.GET_ASSETS_BULK);

    assertThat(bulk(sandbox, "{\"assetIds\": [\"asset_abc123\"]}").status()).isEqualTo(503);
    assertThat(Calls.get(sandbox, "/assets/asset_abc123").status()).isEqualTo(200);
  }

  @Test
  void answers404AsAnUnknownPathWhenBulkReadsAreTurnedOff() {
    try (Sandbox sandbox = Sandbox.builder().bulkAssetReads(false).start()) {
      sandbox.seedVideoAsset("asset_abc123");

      Calls.Answer answer = bulk(sandbox, "{\"assetIds\": [\"asset_abc123\"]}");

      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.body()).isEqualTo("{\"reason\":\"Not found: POST /v1/assets/get-bulk\"}");
      assertThat(sandbox.counters().requests(Endpoint.GET_ASSETS_BULK)).as("still counted").isEqualTo(1);
      assertThat(Calls.get(sandbox, "/assets/asset_abc123").status()).isEqualTo(200);
    }
  }

  private static Calls.Answer bulk(Sandbox sandbox, String json) {
    RequestBody body = RequestBody.create(json, MediaType.get("application/json"));
    return Calls.send(ApiBehaviourTest.authorized(sandbox, PATH).post(body).build());
  }

  /** {@code {"assetIds": ["asset_id0", …]}} with {@code n} ids. */
  private static String idsBody(int n) {
    return IntStream.range(0, n).mapToObj(i -> "\"asset_id" + i + "\"")
        .collect(Collectors.joining(", ", "{\"assetIds\": [", "]}"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> assetList(Calls.Answer answer) {
    return (List<Map<String, Object>>) Json.readObject(answer.body()).get("assets");
  }

  private static Map<String, Map<String, Object>> byId(Calls.Answer answer) {
    return assetList(answer).stream().collect(Collectors.toMap(asset -> (String) asset.get("id"), asset -> asset));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asset(Map<String, Object> single) {
    return (Map<String, Object>) single.get("asset");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> asset) {
    return (Map<String, Object>) asset.get("properties");
  }

  private static Map<String, Object> withoutUrl(Map<String, Object> asset) {
    Map<String, Object> rest = new LinkedHashMap<>(asset);
    rest.remove("url");
    return rest;
  }
}
