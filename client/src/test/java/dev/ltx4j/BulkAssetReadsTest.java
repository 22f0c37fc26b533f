package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.model.Asset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class BulkAssetReadsTest {
  private static final Pattern ID = Pattern.compile("asset_[A-Za-z0-9_-]+");

  @StartStop private final MockWebServer api = new MockWebServer();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  /** The budget gives no permit until the test opens it, as when the project's rate is used up. */
  private volatile boolean open;

  @Test
  void readsQueuedBehindTheBudgetAreSignedByOneBulkRequest() throws Exception {
    api.setDispatcher(service(List.of()));
    try (LtxClient client = client()) {
      List<CompletableFuture<Asset>> reads = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        reads.add(client.assets().getAsync("asset_" + i));
      }
      open = true;

      for (int i = 1; i <= 4; i++) {
        assertThat(reads.get(i - 1).get(10, TimeUnit.SECONDS).url()).contains("asset_" + i + ".mp4");
      }
    }
    assertThat(seen).containsExactlyInAnyOrder("GET /v1/assets/asset_1",
        "POST /v1/assets/get-bulk [asset_2, asset_3, asset_4]");
  }

  @Test
  void anAssetTheBulkAnswerLeavesOutIsReadAloneAndAMissingOneIsNotFound() throws Exception {
    api.setDispatcher(service(List.of("asset_3")));
    try (LtxClient client = client()) {
      CompletableFuture<Asset> first = client.assets().getAsync("asset_1");
      CompletableFuture<Asset> second = client.assets().getAsync("asset_2");
      CompletableFuture<Asset> missing = client.assets().getAsync("asset_3");
      open = true;

      assertThat(first.get(10, TimeUnit.SECONDS).id()).isEqualTo("asset_1");
      assertThat(second.get(10, TimeUnit.SECONDS).id()).isEqualTo("asset_2");
      assertThat(missing).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
          .isInstanceOf(NotFoundException.class);
    }
    assertThat(seen).containsExactlyInAnyOrder("GET /v1/assets/asset_1", "POST /v1/assets/get-bulk [asset_2, asset_3]",
        "GET /v1/assets/asset_3");
    assertThat(seen.indexOf("GET /v1/assets/asset_3")).as("asset_3 is read alone after the bulk answer left it out")
        .isGreaterThan(seen.indexOf("POST /v1/assets/get-bulk [asset_2, asset_3]"));
  }

  @Test
  void aServiceWithoutBulkReadsGetsOneReadPerAssetAfterItsFirstRefusal() throws Exception {
    api.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(request.getMethod() + " " + request.getUrl().encodedPath());
        return request.getMethod().equals("POST") ? json(404, "{\"reason\":\"Not Found\"}") : asset(id(request));
      }
    });
    try (LtxClient client = client()) {
      List<CompletableFuture<Asset>> reads = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        reads.add(client.assets().getAsync("asset_" + i));
      }
      open = true;
      for (CompletableFuture<Asset> read : reads) {
        read.get(10, TimeUnit.SECONDS);
      }
      open = false;
      reads.clear();
      for (int i = 4; i <= 6; i++) {
        reads.add(client.assets().getAsync("asset_" + i));
      }
      open = true;
      for (CompletableFuture<Asset> read : reads) {
        read.get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(seen).filteredOn(line -> line.startsWith("POST")).hasSize(1);
    assertThat(seen).filteredOn(line -> line.startsWith("GET")).hasSize(6);
  }

  private LtxClient client() {
    return LtxClient.builder().apiKey(TestClients.KEY).apiSecret(TestClients.SECRET)
        .baseUrl(api.url("/v1").toString())
        .requestBudget(now -> open ? Duration.ZERO : Duration.ofMillis(20)).build();
  }

  /** Answers every asset asked for but those in {@code missing}, and records what was asked. */
  private Dispatcher service(List<String> missing) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("POST")) {
          List<String> ids = new ArrayList<>();
          Matcher each = ID.matcher(request.getBody().utf8());
          while (each.find()) {
            ids.add(each.group());
          }
          seen.add("POST " + request.getUrl().encodedPath() + " " + ids);
          StringBuilder assets = new StringBuilder();
          ids.stream().filter(id -> !missing.contains(id)).forEach(id ->
              assets.append(assets.length() == 0 ? "" : ",").append(assetJson(id)));
          return json("{\"assets\":[" + assets + "]}");
        }
        seen.add("GET " + request.getUrl().encodedPath());
        String id = id(request);
        return missing.contains(id) ? json(404, "{\"reason\":\"Asset not found\"}") : asset(id);
      }
    };
  }

  private static String id(RecordedRequest request) {
    Matcher id = ID.matcher(request.getUrl().encodedPath());
    return id.find() ? id.group() : "";
  }

  private static MockResponse asset(String id) {
    return json("{\"asset\":" + assetJson(id) + "}");
  }

  private static String assetJson(String id) {
    return "{\"id\":\"" + id + "\",\"mimeType\":\"video/mp4\",\"url\":\"https://cdn.example/" + id
        + ".mp4?Signature=s\"}";
  }
}
