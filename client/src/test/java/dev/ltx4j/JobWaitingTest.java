package dev.ltx4j;

import static dev.ltx4j.FakeJobServer.job;
import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.model.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class JobWaitingTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void awaitReturnsTheFinishedJobWithItsAssetIds() {
    FakeJobServer jobs = new FakeJobServer(time, (id, age) -> FakeJobServer.videoJob(id, age, 40));
    server.setDispatcher(jobs);

    JobSnapshot job = TestClients.client(server, time).await("job_abc123");

    assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(job.assetIds()).containsExactly("asset_job_abc123");
    Duration lag = Duration.between(Instant.parse("2026-07-29T10:00:42Z"), time.instant());
    assertThat(lag).as("noticed soon after the job finished").isLessThan(Duration.ofSeconds(4));
    assertThat(jobs.getsPerJob.get("job_abc123")).as("fewer GETs than a 3 s poller's 14").isLessThan(14);
  }

  @Test
  void aFailedJobRaisesJobFailedWithTheErrorAndHint() {
    server.setDispatcher(new FakeJobServer(time, (id, age) -> age.getSeconds() < 3
        ? job(id, "in-progress", 0.5, "")
        : job(id, "failed", null, ", \"metadata\": {\"error\": \"Durations longer than 10 seconds need 1080p\","
            + " \"hint\": \"Use 1080p\"}")));

    assertThatThrownBy(() -> TestClients.client(server, time).await("job_abc123"))
        .isInstanceOfSatisfying(JobFailedException.class, e -> {
          assertThat(e.jobId()).isEqualTo("job_abc123");
          assertThat(e.error()).contains("Durations longer than 10 seconds need 1080p");
          assertThat(e.hint()).contains("Use 1080p");
        });
  }

  @Test
  void aCanceledJobRaisesJobCanceled() {
    server.setDispatcher(new FakeJobServer(time, (id, age) -> job(id, "canceled", null, "")));

    assertThatThrownBy(() -> TestClients.client(server, time).await("job_abc123"))
        .isInstanceOfSatisfying(JobCanceledException.class, e -> assertThat(e.jobId()).isEqualTo("job_abc123"));
  }

  @Test
  void theDeadlineRaisesATimeoutThatKeepsTheJobIdAndWhatWasLastSeen() {
    server.setDispatcher(new FakeJobServer(time, (id, age) -> job(id, "in-progress", 0.3, "")));
    WaitOptions options = WaitOptions.builder().deadline(Duration.ofMinutes(2)).build();

    assertThatThrownBy(() -> TestClients.client(server, time).await("job_abc123", options))
        .isInstanceOfSatisfying(JobTimeoutException.class, e -> {
          assertThat(e.jobId()).isEqualTo("job_abc123");
          assertThat(e.lastStatus()).contains(JobStatus.IN_PROGRESS);
          assertThat(e.lastProgress()).hasValue(0.3);
          assertThat(e.elapsed()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(1));
          assertThat(e.cancelOutcome()).isEmpty();
        })
        .hasMessageContaining("job_abc123");
  }

  @Test
  void cancelOnDeadlineToleratesAJobThatCannotBeCanceled() {
    FakeJobServer jobs = new FakeJobServer(time, (id, age) -> job(id, "queued", null, ""));
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return request.getUrl().encodedPath().endsWith("/action")
            ? json(400, "{\"reason\": \"Cannot cancel this type of job. Action not permitted.\"}")
            : jobs.dispatch(request);
      }
    });
    WaitOptions options = WaitOptions.builder().deadline(Duration.ofSeconds(30)).cancelOnDeadline(true).build();

    assertThatThrownBy(() -> TestClients.client(server, time).await("job_abc123", options))
        .isInstanceOfSatisfying(JobTimeoutException.class,
            e -> assertThat(e.cancelOutcome()).hasValueSatisfying(o -> assertThat(o).startsWith("not cancellable")));
  }

  @Test
  void anUnknownStatusCountsAsStillRunning() {
    server.setDispatcher(new FakeJobServer(time, (id, age) -> age.getSeconds() < 10
        ? job(id, "rendering-audio", null, "") : job(id, "success", null, "")));

    assertThat(TestClients.client(server, time).await("job_abc123").status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(time.instant()).isAfterOrEqualTo(Instant.parse("2026-07-29T10:00:10Z"));
  }

  @Test
  void transientErrorsNeverEndTheWaitEarly() {
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(new FakeJobServer(time, (id, age) -> {
      int call = calls.incrementAndGet();
      return call <= 7 ? json(503, "{\"message\": \"busy\"}") : job(id, "success", null, "");
    }));

    assertThat(TestClients.client(server, time).await("job_abc123").status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(calls.get()).as("more failures than one call's retries").isEqualTo(8);
  }

  @Test
  void repeatedRequestTimeoutsWhilePollingDoNotEndTheWait() {
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(new FakeJobServer(time, (id, age) ->
        calls.incrementAndGet() <= 4 ? json(408, "") : job(id, "success", null, "")));

    assertThat(TestClients.client(server, time).await("job_abc123").status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(calls.get()).as("more 408s than one call's retries").isEqualTo(5);
  }

  @Test
  void aPermanentErrorEndsTheWait() {
    server.setDispatcher(new FakeJobServer(time, (id, age) -> json(404, "{\"reason\": \"Job not found\"}")));

    assertThatThrownBy(() -> TestClients.client(server, time).await("job_unknown")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theListenerHearsStatusThenProgressThenEachPoll() {
    server.setDispatcher(new FakeJobServer(time, (id, age) -> FakeJobServer.videoJob(id, age, 10)));
    List<String> events = new ArrayList<>();
    JobListener listener = new JobListener() {
      @Override
      public void onStatusChange(String jobId, JobStatus from, JobStatus to) {
        events.add("status " + (from == null ? null : from.name()) + "->" + to.name());
      }

      @Override
      public void onProgress(String jobId, double fraction) {
        events.add("progress " + fraction);
      }

      @Override
      public void onPoll(JobSnapshot job) {
        events.add("poll");
      }
    };

    TestClients.client(server, time).await("job_abc123", WaitOptions.builder().listener(listener).build());

    assertThat(events.subList(0, 2)).containsExactly("status null->QUEUED", "poll");
    assertThat(events.stream().filter(e -> e.startsWith("status")))
        .containsExactly("status null->QUEUED", "status QUEUED->IN_PROGRESS", "status IN_PROGRESS->SUCCESS");
    assertThat(events.subList(events.size() - 3, events.size()))
        .containsExactly("status IN_PROGRESS->SUCCESS", "progress 1.0", "poll");
    String order = String.join(",", events.stream().map(e -> e.split(" ")[0]).toList());
    assertThat(order).as("each poll: status change, then progress, then the poll")
        .matches("((status,)?(progress,)?poll,?)+");
  }

  @Test
  void generateSubmitsThenWaitsUsingTheSubmissionAsTheFirstReading() throws InterruptedException {
    FakeJobServer jobs = new FakeJobServer(time, (id, age) -> FakeJobServer.videoJob(id, age, 20));
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return request.getMethod().equals("POST") ? json(TestClients.JOB_QUEUED) : jobs.dispatch(request);
      }
    });

    JobSnapshot job = TestClients.client(server, time).generate(LtxRequest.of("A fantasy landscape"), WaitOptions.defaults());

    assertThat(job.id()).contains("job_abc123");
    assertThat(job.assetIds()).containsExactly("asset_job_abc123");
    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
    assertThat(time.sleeps().get(0)).as("a short first delay before the first poll")
        .isBetween(Duration.ofMillis(1350), Duration.ofMillis(1650));
  }

  @Test
  void waitingWithoutADeadlineMustBeAskedFor() {
    assertThat(WaitOptions.defaults().deadline()).contains(WaitOptions.DEFAULT_DEADLINE);
    assertThat(WaitOptions.builder().noDeadline().build().deadline()).isEmpty();
  }

  @Test
  void manyWaitsShareOnePollBudgetThatIsNeverExceeded() throws InterruptedException {
    VirtualScheduler scheduler = new VirtualScheduler();
    FakeJobServer jobs = new FakeJobServer(scheduler, (id, age) -> FakeJobServer.videoJob(id, age, 30));
    server.setDispatcher(jobs);
    OkHttpClient http = new OkHttpClient();
    LtxClient client = TestClients.builder(server, time).clock(scheduler).sleeper(scheduler).okHttpClient(http)
        .requestsPerMinute(60).build();

    List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      waits.add(client.awaitAsync("job_" + i, WaitOptions.builder().noDeadline().build()));
    }
    scheduler.runUntil(() -> waits.stream().allMatch(CompletableFuture::isDone), http, Duration.ofSeconds(60));

    assertThat(waits).allSatisfy(wait -> assertThat(wait.join().status()).isEqualTo(JobStatus.SUCCESS));
    List<Instant> times = jobs.requestTimes.stream().sorted().toList();
    for (int i = 0; i < times.size(); i++) {
      Instant windowEnd = times.get(i).plusSeconds(60);
      long inWindow = times.stream().skip(i).takeWhile(t -> t.isBefore(windowEnd)).count();
      assertThat(inWindow).as("polls in the minute from " + times.get(i)).isLessThanOrEqualTo(60);
    }
    // The server answers no list, so the waits fell back from a sweep to one GET per poll.
    assertThat(jobs.getsPerJob).as("fairly spread: no job starved")
        .allSatisfy((id, gets) -> assertThat(gets).isBetween(id.startsWith("job_") ? 2 : 1, 12));
  }
}
