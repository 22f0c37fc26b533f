package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Quote;
import dev.ltx4j.Submission;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated documented bodies served to the real client: each call ends, within a bound, in a value or a typed
 * {@link Ltx4jException}, never another exception and never a hang. Each case is generated from its seed (the
 * test's parameter), so a failure is reproduced by that seed alone.
 */
class ResponseFuzzTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicReference<MockResponse> NEXT = new AtomicReference<>();
  private static final ExecutorService CALLER = Executors.newSingleThreadExecutor();
  private static FuzzServer fuzz;
  private static LtxClient client;

  @BeforeAll
  static void start() throws IOException {
    fuzz = new FuzzServer(request -> NEXT.get());
    client = fuzz.client;
  }

  @AfterAll
  static void stop() {
    fuzz.close();
    CALLER.shutdownNow();
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void getJobOfAMutatedBodyGivesASnapshotOrATypedException(long seed) {
    RandomValues values = new RandomValues(seed);
    serve(200, JsonMutator.mutate(values.oneOf(DocumentedBodies.JOBS), values.random()));
    JobSnapshot job = call(() -> client.getJob("job_abc123"));
    if (job != null) {
      assertThat(job.toString()).isNotNull();
      assertThat(job.status()).isNotNull();
      job.progress().ifPresent(p -> assertThat(p).isBetween(0.0, 1.0));
      java.util.List<String> assets = call(job::assetIds); // a success naming no asset is a typed error
      if (assets != null) {
        assertThat(assets).doesNotContainNull();
      }
      job.isTerminal();
      job.error();
      job.hint();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void submitOfAMutatedBodyGivesAJobIdOrATypedException(long seed) {
    RandomValues values = new RandomValues(seed);
    serve(200, JsonMutator.mutate(values.oneOf(DocumentedBodies.JOBS), values.random()));
    Submission submission = call(() -> client.submit(LtxRequest.of("A fox")));
    if (submission != null) {
      assertThat(submission.jobId()).isNotBlank();
      assertThat(submission.toString()).isNotNull();
      submission.creativeUnitsCost();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void quoteOfAMutatedBodyGivesACostOrATypedException(long seed) {
    RandomValues values = new RandomValues(seed);
    String base = values.oneOf(List.of(DocumentedBodies.DRY_RUN_QUOTE, DocumentedBodies.JOB_CREATED));
    serve(values.oneOf(List.of(200, 269, 402)), JsonMutator.mutate(base, values.random()));
    Quote quote = call(() -> client.quote(LtxRequest.of("A fox")));
    if (quote != null) {
      assertThat(quote.creativeUnitsCost()).isFinite();
      assertThat(quote.creativeUnitsDiscount()).isFinite();
      assertThat(quote.toString()).isNotNull();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void assetOfAMutatedBodyGivesAnAssetOrATypedException(long seed) {
    serve(200, JsonMutator.mutate(DocumentedBodies.ASSET_VIDEO, new RandomValues(seed).random()));
    Object asset = call(() -> client.assets().get("asset_abc123"));
    if (asset != null) {
      assertThat(asset.toString()).isNotNull();
    }
  }

  private static void serve(int status, String body) {
    NEXT.set(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
        .build());
  }

  /** The call's value, or null when it threw an Ltx4jException; anything else (or no answer in time) fails. */
  private static <T> T call(Callable<T> operation) {
    Future<T> future = CALLER.submit(operation);
    try {
      return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Ltx4jException) {
        return null;
      }
      throw new AssertionError("not an Ltx4jException: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail("no answer within " + BOUND);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }
}
