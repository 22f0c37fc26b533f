package dev.ltx4j.micrometer;

import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.LtxObserver;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import dev.ltx4j.model.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters for an ltx4j client. One call binds them: {@code LtxMetrics.bindTo(builder, registry)} before
 * {@code build()}; the Spring Boot starter does it for every {@link MeterRegistry} bean. Tags are few and fixed
 * (operation, outcome, status, reason, kind, model, resolution, duration), never a job id, asset id, prompt or
 * credential. The meter names are listed in the README; {@link #REQUESTS} and its neighbours hold them.
 */
public final class LtxMetrics implements LtxObserver {
  /** Timer: each API request (attempt), by {@code operation}, {@code outcome} and {@code status}. */
  public static final String REQUESTS = "ltx4j.requests";
  /** Counter: retries scheduled, by {@code operation} and {@code reason}. */
  public static final String RETRIES = "ltx4j.retries";
  /** Counter: 429 answers, by {@code operation} and {@code kind} ({@code rate} or {@code concurrency}). */
  public static final String RATE_LIMITED = "ltx4j.rate.limited";
  /** Timer: time requests waited for a permit of the request budget. */
  public static final String BUDGET_WAIT = "ltx4j.budget.wait";
  /** Counter: paid submissions, by {@code model} and {@code outcome} ({@code accepted}, {@code failed}, {@code unknown}). */
  public static final String SUBMISSIONS = "ltx4j.submissions";
  /** Counter: creative units the service said accepted submissions cost, by {@code model}. */
  public static final String CREATIVE_UNITS = "ltx4j.creative.units";
  /** Gauge: jobs the client is waiting for now. */
  public static final String JOBS_ACTIVE = "ltx4j.jobs.active";
  /** Counter: waits ended, by {@code status} ({@code success}, {@code failure}, {@code canceled}, {@code timeout}, {@code error}). */
  public static final String JOBS_FINISHED = "ltx4j.jobs.finished";
  /** Timer: a finished job's time on the service (created to last update), by {@code resolution} and {@code duration}. */
  public static final String GENERATION_TIME = "ltx4j.generation.time";
  /** Timer: from the job's last update on the service to the client seeing it finished (clock skew included). */
  public static final String DETECTION_LAG = "ltx4j.job.detection.lag";
  /** Timer: downloads, by {@code outcome} ({@code success} or {@code failure}). */
  public static final String DOWNLOADS = "ltx4j.downloads";
  /** Counter (bytes): bytes downloaded. */
  public static final String DOWNLOADED = "ltx4j.downloaded";

  private final MeterRegistry registry;
  private final Tags common;
  private final AtomicInteger active = new AtomicInteger();
  private final Counter downloaded;
  private final Timer budgetWait;
  private final ThreadLocal<Long> downloadStart = new ThreadLocal<>();

  /** Meters in {@code registry}, each with the {@code commonTags} too (e.g. a client name when there are several). */
  public LtxMetrics(MeterRegistry registry, Iterable<Tag> commonTags) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    this.common = Tags.of(Objects.requireNonNull(commonTags, "commonTags == null"));
    Gauge.builder(JOBS_ACTIVE, active, AtomicInteger::get).description("Jobs the client is waiting for")
        .tags(common).register(registry);
    this.downloaded = Counter.builder(DOWNLOADED).baseUnit(BaseUnits.BYTES).description("Bytes downloaded")
        .tags(common).register(registry);
    this.budgetWait = Timer.builder(BUDGET_WAIT).description("Time requests waited for the request budget")
        .tags(common).register(registry);
  }

  /** Meters in {@code registry}, without common tags. */
  public LtxMetrics(MeterRegistry registry) {
    this(registry, Tags.empty());
  }

  /** Binds meters in {@code registry} to the client {@code builder} builds; returns the builder. */
  public static LtxClientBuilder bindTo(LtxClientBuilder builder, MeterRegistry registry) {
    return builder.observer(new LtxMetrics(registry));
  }

  @Override
  public void requestEnded(String operation, int status, Duration duration) {
    Timer.builder(REQUESTS).description("API requests, each attempt").tags(common)
        .tags("operation", operation, "outcome", Outcomes.of(status), "status", status == 0 ? "none" : "" + status)
        .register(registry).record(duration);
  }

  @Override
  public void retryScheduled(String operation, String reason, Duration delay) {
    counter(RETRIES, "Retries scheduled", "operation", operation, "reason", reason).increment();
  }

  @Override
  public void rateLimited(String operation, boolean concurrencyLimit) {
    counter(RATE_LIMITED, "429 answers", "operation", operation, "kind", concurrencyLimit ? "concurrency" : "rate")
        .increment();
  }

  @Override
  public void budgetWaited(Duration wait) {
    budgetWait.record(wait);
  }

  @Override
  public SubmissionObserver submitting(String modelId) {
    String model = Outcomes.bounded(modelId, 64);
    return new SubmissionObserver() {
      @Override
      public void accepted(JobSnapshot job, double creativeUnits) {
        counter(SUBMISSIONS, "Paid submissions", "model", model, "outcome", "accepted").increment();
        if (!Double.isNaN(creativeUnits)) {
          counter(CREATIVE_UNITS, "Creative units spent", "model", model).increment(creativeUnits);
        }
      }

      @Override
      public void failed(Throwable error) {
        String outcome = error instanceof SubmissionOutcomeUnknownException ? "unknown" : "failed";
        counter(SUBMISSIONS, "Paid submissions", "model", model, "outcome", outcome).increment();
      }
    };
  }

  @Override
  public void waitStarted(String jobId) {
    active.incrementAndGet();
  }

  @Override
  public void waitSucceeded(JobSnapshot job) {
    active.decrementAndGet();
    finished("success");
    Job raw = job.job();
    if (raw == null || raw.updatedAt() == null) {
      return;
    }
    Instant updated = raw.updatedAt().toInstant();
    if (raw.createdAt() != null && !updated.isBefore(raw.createdAt().toInstant())) {
      Timer.builder(GENERATION_TIME).description("Time a finished job spent on the service").tags(common)
          .tags(Outcomes.shape(raw)).register(registry).record(Duration.between(raw.createdAt().toInstant(), updated));
    }
    Duration lag = Duration.between(updated, Instant.ofEpochMilli(registry.config().clock().wallTime()));
    if (!lag.isNegative()) {
      Timer.builder(DETECTION_LAG).description("From a job's last update to the client seeing it finished")
          .tags(common).register(registry).record(lag);
    }
  }

  @Override
  public void waitFailed(String jobId, Throwable error) {
    active.decrementAndGet();
    finished(error instanceof JobFailedException ? "failure" : error instanceof JobCanceledException ? "canceled"
        : error instanceof JobTimeoutException ? "timeout" : "error");
  }

  @Override
  public void downloadStarted(String assetId) {
    downloadStart.set(registry.config().clock().monotonicTime());
  }

  @Override
  public void downloadEnded(String assetId, long bytes) {
    downloaded.increment(bytes);
    download("success");
  }

  @Override
  public void downloadFailed(String assetId, Throwable error) {
    download("failure");
  }

  /** A download runs on its caller's thread from start to end: the thread remembers when it started. */
  private void download(String outcome) {
    Long start = downloadStart.get();
    downloadStart.remove();
    if (start != null) {
      Timer.builder(DOWNLOADS).description("Downloads").tags(common).tags("outcome", outcome).register(registry)
          .record(Duration.ofNanos(registry.config().clock().monotonicTime() - start));
    }
  }

  private void finished(String status) {
    counter(JOBS_FINISHED, "Job waits ended", "status", status).increment();
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(common).tags(tags).register(registry);
  }
}
