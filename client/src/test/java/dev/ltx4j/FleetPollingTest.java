package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.model.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class FleetPollingTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final FakeProject project = new FakeProject(scheduler);
  private final OkHttpClient http = new OkHttpClient();
  private final Map<String, List<String>> events = new ConcurrentHashMap<>();

  private LtxClient client() {
    server.setDispatcher(project);
    return TestClients.builder(server, new VirtualTime()).clock(scheduler).sleeper(scheduler).okHttpClient(http)
        .requestsPerMinute(90).build();
  }

  private WaitOptions recording() {
    return WaitOptions.builder().noDeadline().listener(new JobListener() {
      @Override
      public void onStatusChange(String jobId, JobStatus from, JobStatus to) {
        events.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(to.toString());
      }
    }).build();
  }

  private List<CompletableFuture<JobSnapshot>> awaitJobs(LtxClient client, int count) throws InterruptedException {
    Instant start = scheduler.instant();
    List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      project.add("job_" + i, start.minusSeconds(i % 7), 20 + (i * 7) % 50);
      waits.add(client.awaitAsync("job_" + i, recording()));
    }
    scheduler.runUntil(() -> waits.stream().allMatch(CompletableFuture::isDone), http, Duration.ofSeconds(60));
    return waits;
  }

  @Test
  void manyWaitsAreSeenThroughListSweepsWithFewRequestsAndLittleLag() throws InterruptedException {
    LtxClient client = client();
    List<CompletableFuture<JobSnapshot>> waits = awaitJobs(client, 100);

    for (int i = 0; i < waits.size(); i++) {
      JobSnapshot job = waits.get(i).join();
      assertThat(job.assetIds()).containsExactly("asset_job_" + i);
      assertThat(events.get("job_" + i)).endsWith("success");
    }
    assertThat(project.lists.get()).as("sweeps").isPositive();
    int requests = project.gets.get() + project.lists.get();
    assertThat(requests).as("far fewer than one GET per job per poll: " + project.gets + " GETs, "
        + project.lists + " lists").isLessThan(100 * 2);
  }

  @Test
  void aSweepAndPerJobPollingReportTheSameStatusChanges() throws InterruptedException {
    List<CompletableFuture<JobSnapshot>> fleet = awaitJobs(client(), 6);
    Map<String, List<String>> swept = Map.copyOf(events);
    events.clear();
    FakeProject alone = new FakeProject(scheduler);
    server.setDispatcher(alone);
    LtxClient client = TestClients.builder(server, new VirtualTime()).clock(scheduler).sleeper(scheduler)
        .okHttpClient(http).build();
    for (int i = 0; i < 6; i++) {
      alone.add("job_" + i, scheduler.instant().minusSeconds(i % 7), 20 + (i * 7) % 50);
      CompletableFuture<JobSnapshot> wait = client.awaitAsync("job_" + i, recording());
      scheduler.runUntil(wait::isDone, http, Duration.ofSeconds(60));
      assertThat(wait.join().assetIds()).isEqualTo(fleet.get(i).join().assetIds());
    }
    assertThat(alone.lists.get()).as("one wait at a time polls its job").isZero();
    assertThat(events).isEqualTo(swept);
  }

  @Test
  void aFinishedJobTheListShowsWithoutItsAssetsIsReadOnceOnItsOwn() throws InterruptedException {
    project.listHidesAssets = true;
    List<CompletableFuture<JobSnapshot>> waits = awaitJobs(client(), 5);

    for (int i = 0; i < 5; i++) {
      assertThat(waits.get(i).join().assetIds()).containsExactly("asset_job_" + i);
    }
    assertThat(project.lists.get()).isPositive();
  }

  @Test
  void waitsWhoseListIsRefusedPollTheirJobsOneByOne() throws InterruptedException {
    project.listStatus = 403;
    List<CompletableFuture<JobSnapshot>> waits = awaitJobs(client(), 5);

    assertThat(waits).allSatisfy(wait -> assertThat(wait.join().status()).isEqualTo(JobStatus.SUCCESS));
    assertThat(project.lists.get()).as("refused once, not asked again").isEqualTo(1);
  }
}
