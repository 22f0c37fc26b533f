package dev.ltx4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.ApiException;
import dev.ltx4j.ErrorBody;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.MisroutedAnswerException;
import dev.ltx4j.internal.call.Dispatch;
import dev.ltx4j.model.Asset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AssetReadsTest {
  /** Reads alone, each answered when the test says. */
  private final Map<String, CompletableFuture<Asset>> alone = new java.util.LinkedHashMap<>();
  /** Bulk reads, each with the ids it would send, asked for when the test sends it. */
  private final List<Supplier<List<String>>> bulks = new ArrayList<>();
  private final List<CompletableFuture<List<Asset>>> bulkAnswers = new ArrayList<>();
  /** Whether the client's submissions wait for a slot. */
  private boolean slotsFull;
  /** The lingers asked for, each ended when the test says. */
  private final List<CompletableFuture<Void>> sleeps = new ArrayList<>();
  private final AssetReads reads = new AssetReads(
      (id, dispatch) -> alone.computeIfAbsent(id, ignored -> new CompletableFuture<>()),
      ids -> {
        bulks.add(ids);
        CompletableFuture<List<Asset>> answer = new CompletableFuture<>();
        bulkAnswers.add(answer);
        return answer;
      },
      () -> slotsFull,
      delay -> {
        CompletableFuture<Void> sleep = new CompletableFuture<>();
        sleeps.add(sleep);
        return sleep;
      });

  @Test
  void aReadWithNothingToShareGoesAlone() {
    CompletableFuture<Asset> read = reads.read("asset_a", Dispatch.ASYNC);
    alone.get("asset_a").complete(asset("asset_a"));

    assertThat(read.join().id()).isEqualTo("asset_a");
    assertThat(bulks).isEmpty();
  }

  @Test
  void readsAskedWhileOneWaitsShareOneBulkReadThatTakesEveryIdQueuedUntilItIsSent() {
    reads.read("asset_a", Dispatch.ASYNC); // alone, waiting for its permit
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);
    CompletableFuture<Asset> c = reads.read("asset_c", Dispatch.ASYNC);
    CompletableFuture<Asset> c2 = reads.read("asset_c", Dispatch.ASYNC);

    assertThat(bulks).hasSize(1);
    assertThat(bulks.get(0).get()).containsExactly("asset_b", "asset_c");
    CompletableFuture<Asset> d = reads.read("asset_d", Dispatch.ASYNC); // after it was sent: the next bulk read
    assertThat(bulks).hasSize(2);

    bulkAnswers.get(0).complete(List.of(asset("asset_c"), asset("asset_b")));
    assertThat(b.join().id()).isEqualTo("asset_b");
    assertThat(c.join().id()).isEqualTo("asset_c");
    assertThat(c2.join().id()).isEqualTo("asset_c");
    assertThat(d).isNotDone();
    assertThat(bulks.get(1).get()).containsExactly("asset_d");
    assertThat(alone).containsOnlyKeys("asset_a");
  }

  @Test
  void whileSubmissionsWaitForSlotsAReadWaitsForCompanyBeforeItsBulkReadIsQueued() {
    slotsFull = true;
    CompletableFuture<Asset> a = reads.read("asset_a", Dispatch.ASYNC);
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);

    assertThat(sleeps).hasSize(1);
    assertThat(bulks).isEmpty();
    assertThat(alone).isEmpty();
    sleeps.get(0).complete(null);
    assertThat(bulks).hasSize(1);
    assertThat(bulks.get(0).get()).containsExactly("asset_a", "asset_b");
    bulkAnswers.get(0).complete(List.of(asset("asset_a"), asset("asset_b")));
    assertThat(a.join().id()).isEqualTo("asset_a");
    assertThat(b.join().id()).isEqualTo("asset_b");
  }

  @Test
  void aRetriedBulkReadSendsTheSameIds() {
    reads.read("asset_a", Dispatch.ASYNC);
    reads.read("asset_b", Dispatch.ASYNC);
    Supplier<List<String>> ids = bulks.get(0);

    assertThat(ids.get()).containsExactly("asset_b");
    reads.read("asset_c", Dispatch.ASYNC);
    assertThat(ids.get()).containsExactly("asset_b");
  }

  @Test
  void moreThanTwoHundredQueuedIdsGoInTwoBulkReads() {
    reads.read("asset_first", Dispatch.ASYNC);
    IntStream.range(0, 250).forEach(i -> reads.read("asset_" + i, Dispatch.ASYNC));

    assertThat(bulks.get(0).get()).hasSize(AssetReads.MAX_IDS).startsWith("asset_0");
    assertThat(bulks).hasSize(2);
    assertThat(bulks.get(1).get()).hasSize(50).startsWith("asset_200");
  }

  @Test
  void anIdTheBulkAnswerLeavesOutIsReadAlone() {
    reads.read("asset_a", Dispatch.ASYNC);
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);
    CompletableFuture<Asset> gone = reads.read("asset_gone", Dispatch.ASYNC);
    bulks.get(0).get();
    bulkAnswers.get(0).complete(List.of(asset("asset_b")));

    assertThat(b.join().id()).isEqualTo("asset_b");
    assertThat(gone).isNotDone();
    alone.get("asset_gone").completeExceptionally(new ApiException("GET /assets/asset_gone", 404, body(), Map.of()));
    assertThatThrownBy(gone::join).hasCauseInstanceOf(ApiException.class);
  }

  @Test
  void aServiceWithoutBulkReadsIsReadAloneFromThenOn() {
    reads.read("asset_a", Dispatch.ASYNC);
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);
    bulks.get(0).get();
    bulkAnswers.get(0).completeExceptionally(new ApiException("POST /assets/get-bulk", 404, body(), Map.of()));

    alone.get("asset_b").complete(asset("asset_b"));
    assertThat(b.join().id()).isEqualTo("asset_b");
    reads.read("asset_c", Dispatch.ASYNC);
    reads.read("asset_d", Dispatch.ASYNC);
    assertThat(bulks).hasSize(1);
    assertThat(alone).containsKeys("asset_c", "asset_d");
  }

  @Test
  void aBulkReadThatFailsOtherwiseFailsEveryReadItCarried() {
    reads.read("asset_a", Dispatch.ASYNC);
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);
    CompletableFuture<Asset> c = reads.read("asset_c", Dispatch.ASYNC);
    bulks.get(0).get();
    Ltx4jIoException cut = new Ltx4jIoException("POST /assets/get-bulk failed", new IOException("reset"));
    bulkAnswers.get(0).completeExceptionally(new CompletionException(cut));

    assertThatThrownBy(b::join).hasCause(cut);
    assertThatThrownBy(c::join).hasCause(cut);
    assertThat(alone).containsOnlyKeys("asset_a");
  }

  @Test
  void aBulkReadThatEndsUnsentFailsItsReadsInsteadOfLeavingThemWaiting() {
    reads.read("asset_a", Dispatch.ASYNC);
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);
    bulkAnswers.get(0).completeExceptionally(new IllegalStateException("the client is closed"));

    assertThatThrownBy(b::join).hasCauseInstanceOf(IllegalStateException.class);
    CompletableFuture<Asset> c = reads.read("asset_c", Dispatch.ASYNC);
    assertThat(bulks).hasSize(2);
    assertThat(c).isNotDone();
  }

  @Test
  void anAssetNobodyAskedForFailsTheReadsAsAnotherRequestsAnswer() {
    reads.read("asset_a", Dispatch.ASYNC);
    CompletableFuture<Asset> b = reads.read("asset_b", Dispatch.ASYNC);
    bulks.get(0).get();
    bulkAnswers.get(0).complete(List.of(asset("asset_b"), asset("asset_other")));

    assertThatThrownBy(b::join).hasCauseInstanceOf(MisroutedAnswerException.class);
  }

  @Test
  void aNullInTheListOrTwoDifferentAnswersForOneIdFailTheReadsTyped() {
    CompletableFuture<Map<String, Asset>> withNull = reads.readAll(List.of("asset_a"));
    java.util.List<Asset> nullInside = new ArrayList<>();
    nullInside.add(null);
    nullInside.add(asset("asset_a"));
    bulkAnswers.get(0).complete(nullInside);
    assertThatThrownBy(withNull::join).hasCauseInstanceOf(dev.ltx4j.UnexpectedResponseException.class);

    CompletableFuture<Map<String, Asset>> twice = reads.readAll(List.of("asset_a", "asset_a"));
    assertThat(bulks.get(1).get()).containsExactly("asset_a");
    bulkAnswers.get(1).complete(List.of(asset("asset_a"), asset("asset_a").toBuilder().url("https://x/other").build()));
    assertThatThrownBy(twice::join).hasCauseInstanceOf(dev.ltx4j.UnexpectedResponseException.class)
        .hasMessageContaining("twice, differently");
  }

  @Test
  void readAllAsksInChunksOfTwoHundredAndAnswersTheFoundInTheOrderAsked() {
    List<String> ids = IntStream.range(0, 201).mapToObj(i -> "asset_" + i).toList();
    CompletableFuture<Map<String, Asset>> all = reads.readAll(ids);

    assertThat(bulks).hasSize(2);
    assertThat(bulks.get(1).get()).containsExactly("asset_200");
    bulkAnswers.get(1).complete(List.of(asset("asset_200")));
    bulkAnswers.get(0).complete(List.of(asset("asset_1"), asset("asset_0")));
    assertThat(all.join().keySet()).containsExactly("asset_0", "asset_1", "asset_200");
  }

  @Test
  void readAllFromAServiceWithoutBulkReadsReadsEachAloneAndLeavesOutOneNotFound() {
    CompletableFuture<Map<String, Asset>> all = reads.readAll(List.of("asset_a", "asset_gone"));
    bulks.get(0).get();
    bulkAnswers.get(0).completeExceptionally(new ApiException("POST /assets/get-bulk", 405, body(), Map.of()));

    alone.get("asset_a").complete(asset("asset_a"));
    alone.get("asset_gone").completeExceptionally(new ApiException("GET /assets/asset_gone", 404, body(), Map.of()));
    assertThat(all.join().keySet()).containsExactly("asset_a");
    reads.readAll(List.of("asset_b", "asset_c"));
    assertThat(bulks).as("no bulk read after the service refused one as unknown").hasSize(1);
    assertThat(alone).containsKeys("asset_b", "asset_c");
  }

  private static Asset asset(String id) {
    return Asset.builder().id(id).url("https://cdn.example/" + id + ".mp4?Signature=x").mimeType("video/mp4").build();
  }

  private static ErrorBody body() {
    return new ErrorBody("Not Found", null, null, null, Map.of(), null);
  }
}
