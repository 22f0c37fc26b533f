package dev.ltx4j.internal.ops;

import dev.ltx4j.ApiException;
import dev.ltx4j.MisroutedAnswerException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.internal.call.Dispatch;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.model.Asset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Asset reads, shared. A read asked for while another still waits for the request budget joins the next bulk read
 * ({@code POST /assets/get-bulk}), so that the assets of jobs that finished together are signed by one request instead
 * of one {@code GET /assets/{id}} each; a read with nothing to share goes alone. A bulk read takes its ids when its
 * permit comes (up to {@link #MAX_IDS}), so every read queued until then rides on it.
 *
 * <p>While submissions of this client wait for a generation slot, downloads are not what holds the work up: a read
 * with nothing to share then waits {@link RetryPolicy#ASSET_READ_LINGER} for company before its bulk read is queued,
 * so that jobs finishing a few seconds apart are signed together; the request it saves goes to the project's other
 * work.
 *
 * <p>An id the bulk answer leaves out (it says nothing of why) is read alone, which gives a missing asset its 404.
 * A bulk read the service refuses with a 4xx is answered by reads alone too, and after a 404 or 405 (a service
 * without the endpoint) this client reads alone from then on. Other failures are each waiting read's failure.
 */
public final class AssetReads {
  /** The most ids Scenario takes in one bulk read. */
  public static final int MAX_IDS = 200;

  /** A read of one asset, as {@link Dispatch} says. */
  public interface Single extends BiFunction<String, Dispatch, CompletableFuture<Asset>> {}

  /**
   * A bulk read: asks for its ids right before each attempt is sent (the same ids on a retry) and answers the
   * assets found.
   */
  public interface Bulk {
    CompletableFuture<List<Asset>> read(Supplier<List<String>> ids);
  }

  private final Single single;
  private final Bulk bulk;
  private final BooleanSupplier submissionsWaitForSlots;
  private final Sleeper sleeper;
  /** Reads waiting for the next bulk read, by id; guarded by this. */
  private final Map<String, List<CompletableFuture<Asset>>> queued = new LinkedHashMap<>();
  /** A bulk read waits for its permit; guarded by this. */
  private boolean bulkWaiting;
  /** Reads alone not yet answered; guarded by this. */
  private int aloneRunning;
  /** The service has no bulk reads; guarded by this. */
  private boolean bulkUnavailable;

  public AssetReads(Single single, Bulk bulk, BooleanSupplier submissionsWaitForSlots, Sleeper sleeper) {
    this.single = single;
    this.bulk = bulk;
    this.submissionsWaitForSlots = submissionsWaitForSlots;
    this.sleeper = sleeper;
  }

  /** Reads one asset: alone when nothing waits to be shared, else with the next bulk read. */
  public CompletableFuture<Asset> read(String assetId, Dispatch dispatch) {
    CompletableFuture<Asset> shared = new CompletableFuture<>();
    boolean alone;
    boolean start = false;
    boolean linger = false;
    synchronized (this) {
      boolean nothingToShare = !bulkWaiting && aloneRunning == 0;
      linger = nothingToShare && !bulkUnavailable && submissionsWaitForSlots.getAsBoolean();
      alone = bulkUnavailable || (nothingToShare && !linger);
      if (alone) {
        aloneRunning++;
      } else {
        queued.computeIfAbsent(assetId, id -> new ArrayList<>()).add(shared);
        start = !bulkWaiting;
        bulkWaiting = true;
      }
    }
    if (alone) {
      return single.apply(assetId, dispatch).whenComplete((asset, error) -> {
        synchronized (this) {
          aloneRunning--;
        }
      });
    }
    if (start && linger) {
      sleeper.sleep(RetryPolicy.ASSET_READ_LINGER).whenComplete((ignored, error) -> startBulk());
    } else if (start) {
      startBulk();
    }
    return shared;
  }

  /**
   * Reads several assets in bulk reads of up to {@link #MAX_IDS}: the ones found, by id, in the order asked. Where
   * the service refuses bulk reads, each is read alone, and one it does not find (404) is left out as the bulk answer
   * would.
   */
  public CompletableFuture<Map<String, Asset>> readAll(List<String> assetIds) {
    List<String> distinct = assetIds.stream().distinct().toList();
    List<CompletableFuture<List<Asset>>> chunks = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += MAX_IDS) {
      List<String> chunk = List.copyOf(distinct.subList(from, Math.min(distinct.size(), from + MAX_IDS)));
      chunks.add(bulkUnavailable() ? eachAlone(chunk) : bulk.read(() -> chunk)
          .thenApply(assets -> checked(assets, chunk))
          .exceptionallyCompose(error -> refusedBulk(unwrap(error)) ? eachAlone(chunk)
              : CompletableFuture.failedFuture(unwrap(error))));
    }
    return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
      Map<String, Asset> found = new LinkedHashMap<>();
      chunks.forEach(chunk -> chunk.join().forEach(asset -> found.put(asset.id(), asset)));
      Map<String, Asset> ordered = new LinkedHashMap<>();
      assetIds.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
      return ordered;
    });
  }

  /** The chunk read one asset at a time: the ones found. */
  private CompletableFuture<List<Asset>> eachAlone(List<String> chunk) {
    List<CompletableFuture<@Nullable Asset>> each = chunk.stream().map(id -> single.apply(id, Dispatch.ASYNC)
        .<@Nullable Asset>thenApply(asset -> asset)
        .exceptionallyCompose(error -> unwrap(error) instanceof ApiException api && api.statusCode() == 404
            ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(unwrap(error)))).toList();
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
      List<Asset> found = new ArrayList<>();
      each.forEach(read -> {
        Asset asset = read.join();
        if (asset != null) {
          found.add(asset);
        }
      });
      return found;
    });
  }

  private synchronized boolean bulkUnavailable() {
    return bulkUnavailable;
  }

  /**
   * Whether a bulk read's failure means the service refused it (a 4xx other than 429): its reads go alone; after a
   * 404 or 405 (no such endpoint) every later one too.
   */
  private boolean refusedBulk(Throwable cause) {
    if (!(cause instanceof ApiException api) || api.statusCode() < 400 || api.statusCode() >= 500
        || api.statusCode() == 429) {
      return false;
    }
    if (api.statusCode() == 404 || api.statusCode() == 405) {
      synchronized (this) {
        bulkUnavailable = true;
      }
    }
    return true;
  }

  private void startBulk() {
    Batch batch = new Batch();
    CompletableFuture<List<Asset>> answer;
    try {
      answer = bulk.read(batch::ids);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((assets, error) -> settle(batch.taken(), assets, error));
  }

  /** The reads one bulk read carries: taken from the queue when it is first sent, or when it ends unsent. */
  private final class Batch {
    private @Nullable Map<String, List<CompletableFuture<Asset>>> taken;

    synchronized List<String> ids() {
      return List.copyOf(taken().keySet());
    }

    synchronized Map<String, List<CompletableFuture<Asset>>> taken() {
      if (taken == null) {
        taken = take();
      }
      return taken;
    }
  }

  /** Moves up to {@link #MAX_IDS} queued reads into a bulk read; starts the next bulk read when some remain. */
  private Map<String, List<CompletableFuture<Asset>>> take() {
    Map<String, List<CompletableFuture<Asset>>> taken = new LinkedHashMap<>();
    boolean more;
    synchronized (this) {
      Iterator<Map.Entry<String, List<CompletableFuture<Asset>>>> each = queued.entrySet().iterator();
      while (each.hasNext() && taken.size() < MAX_IDS) {
        Map.Entry<String, List<CompletableFuture<Asset>>> entry = each.next();
        taken.put(entry.getKey(), entry.getValue());
        each.remove();
      }
      more = !queued.isEmpty();
      bulkWaiting = more;
    }
    if (more) {
      startBulk();
    }
    return taken;
  }

  private void settle(Map<String, List<CompletableFuture<Asset>>> taken, @Nullable List<Asset> assets,
      @Nullable Throwable error) {
    if (error != null) {
      Throwable cause = unwrap(error);
      if (refusedBulk(cause)) {
        taken.forEach(this::readAloneFor);
      } else {
        taken.values().forEach(waiting -> waiting.forEach(read -> read.completeExceptionally(cause)));
      }
      return;
    }
    List<String> asked = List.copyOf(taken.keySet());
    Map<String, Asset> found = new LinkedHashMap<>();
    try {
      checked(assets == null ? List.of() : assets, asked).forEach(asset -> found.put(asset.id(), asset));
    } catch (RuntimeException misrouted) {
      taken.values().forEach(waiting -> waiting.forEach(read -> read.completeExceptionally(misrouted)));
      return;
    }
    taken.forEach((id, waiting) -> {
      Asset asset = found.get(id);
      if (asset == null) {
        readAloneFor(id, waiting);
      } else {
        waiting.forEach(read -> read.complete(asset));
      }
    });
  }

  private void readAloneFor(String assetId, List<CompletableFuture<Asset>> waiting) {
    single.apply(assetId, Dispatch.ASYNC).whenComplete((asset, error) -> waiting.forEach(read -> {
      if (error != null) {
        read.completeExceptionally(unwrap(error));
      } else {
        read.complete(asset);
      }
    }));
  }

  /**
   * The answer's assets, each one asked for (an asset nobody asked for is another request's answer) and each once
   * (two different answers for one id leave neither usable); a null in the list makes the answer unreadable.
   */
  private static List<Asset> checked(List<@Nullable Asset> assets, List<String> asked) {
    Map<String, Asset> byId = new LinkedHashMap<>();
    for (Asset asset : assets) {
      if (asset == null) {
        throw new UnexpectedResponseException("POST /assets/get-bulk answered a null in its list of assets");
      }
      if (asset.id() == null || !asked.contains(asset.id())) {
        throw new MisroutedAnswerException("POST /assets/get-bulk", String.join(",", asked), asset.id());
      }
      Asset before = byId.putIfAbsent(asset.id(), asset);
      if (before != null && !before.equals(asset)) {
        throw new UnexpectedResponseException("POST /assets/get-bulk answered " + asset.id()
            + " twice, differently; neither was used");
      }
    }
    return List.copyOf(byId.values());
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
