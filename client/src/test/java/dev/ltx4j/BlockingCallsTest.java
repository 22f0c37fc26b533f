package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Blocking methods send their requests from the caller's thread, through the same retries, budget and deadline. */
class BlockingCallsTest {
  private static final String JOB = "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"in-progress\"}}";
  private static final String ASSET = "{\"asset\": {\"id\": \"asset_v1\", \"url\": \"https://cdn.example/v.mp4\"}}";
  private static final String PAGE = "{\"jobs\": [], \"nextPaginationToken\": null}";

  @StartStop private final MockWebServer server = new MockWebServer();
  /** The thread each request was sent from, as an application interceptor sees it. */
  private final List<Thread> senders = new CopyOnWriteArrayList<>();

  private LtxClientBuilder builder() {
    OkHttpClient recording = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          senders.add(Thread.currentThread());
          return chain.proceed(chain.request());
        })
        .build();
    return LtxClient.builder().apiKey(TestClients.KEY).apiSecret(TestClients.SECRET)
        .baseUrl(server.url("/v1").toString()).okHttpClient(recording);
  }

  @Test
  void everyBlockingReadIsSentFromTheCallersThread() {
    server.enqueue(json(JOB));
    server.enqueue(json(PAGE));
    server.enqueue(json(ASSET));
    server.enqueue(json(JOB));
    try (LtxClient client = builder().build()) {
      client.getJob("job_abc123");
      client.listJobsPage(JobQuery.ALL, null);
      client.assets().get("asset_v1");
      client.listJobs(JobQuery.ALL).count();
    }

    assertThat(senders).hasSize(4).containsOnly(Thread.currentThread());
  }

  @Test
  void anAsyncReadIsSentFromAnotherThread() {
    server.enqueue(json(JOB));
    try (LtxClient client = builder().build()) {
      client.getJobAsync("job_abc123").join();
    }

    assertThat(senders).hasSize(1).doesNotContain(Thread.currentThread());
  }

  @Test
  void aRetryAfterABackOffIsSentFromTheCallersThreadToo() {
    server.enqueue(json(503, "{\"message\": \"Internal server error\"}"));
    server.enqueue(json(JOB));
    try (LtxClient client = builder().build()) {
      assertThat(client.getJob("job_abc123").id()).contains("job_abc123");
    }

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(senders).hasSize(2).containsOnly(Thread.currentThread());
  }

  @Test
  void aReadThatWaitedForItsBudgetPermitIsSentFromTheCallersThread() {
    AtomicInteger asked = new AtomicInteger();
    RequestBudget oneRefusal = now -> asked.getAndIncrement() == 0 ? Duration.ofMillis(100) : Duration.ZERO;
    server.enqueue(json(JOB));
    try (LtxClient client = builder().requestBudget(oneRefusal).build()) {
      client.getJob("job_abc123");
    }

    assertThat(asked.get()).isGreaterThanOrEqualTo(2);
    assertThat(senders).hasSize(1).containsOnly(Thread.currentThread());
  }

  @Test
  void aClosedClientSendsNothingBlockingOrAsync() {
    LtxClient client = builder().build();
    client.close();

    assertThatThrownBy(() -> client.getJob("job_abc123")).hasMessageContaining("the client is closed");
    assertThatThrownBy(() -> client.getJobAsync("job_abc123").join()).hasMessageContaining("the client is closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anInterruptEndsABlockingReadWaitingToRetryAndKeepsTheInterruptStatus() throws Exception {
    server.enqueue(json(503, "{\"message\": \"busy\"}").newBuilder().addHeader("Retry-After", "60").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    try (LtxClient client = builder().build()) {
      Thread caller = new Thread(() -> {
        try {
          client.getJob("job_abc123");
        } catch (RuntimeException e) {
          thrown.set(e);
        }
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      });
      caller.start();
      server.takeRequest(5, TimeUnit.SECONDS);
      caller.interrupt();
      caller.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(caller.isAlive()).isFalse();
    }

    assertThat(thrown.get()).isInstanceOf(Ltx4jException.class).hasMessageContaining("interrupted");
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
