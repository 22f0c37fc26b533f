package dev.ltx4j.internal.poll;

import dev.ltx4j.ClientClosedException;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobListener;
import dev.ltx4j.JobNotCancellableException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.JobUnreadableException;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.internal.observe.Events;
import dev.ltx4j.model.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for jobs by polling, with no thread per wait: each poll is a timer callback followed by an asynchronous
 * request, queued for the client's request budget as a poll. While {@link #FLEET_SIZE} or more waits run, those
 * that have had a reading are seen through list sweeps instead ({@link FleetSweeper}): the same readings, the
 * same listener events, one request for many jobs.
 */
public final class JobWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(JobWaiter.class);

  /** Waits running at once from which list sweeps see their jobs: below it, one GET per poll costs no more. */
  public static final int FLEET_SIZE = 3;

  private final Clock clock;
  private final Sleeper sleeper;
  private final PollPolicy policy;
  private final JobSource jobs;
  private final FleetSweeper fleet;
  private final DurationModel durations = new DurationModel();
  private final AtomicInteger running = new AtomicInteger();
  private final Set<Wait> waits = ConcurrentHashMap.newKeySet();
  private final int fleetSize;
  private volatile Events events = Events.NONE;

  public JobWaiter(Clock clock, Sleeper sleeper, PollPolicy policy, JobSource jobs) {
    this(clock, sleeper, policy, jobs, FLEET_SIZE);
  }

  /** {@code fleetSize}: waits at which sweeps take over; {@link Integer#MAX_VALUE} for per-job polling only. */
  public JobWaiter(Clock clock, Sleeper sleeper, PollPolicy policy, JobSource jobs, int fleetSize) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.policy = policy;
    this.jobs = jobs;
    this.fleetSize = fleetSize;
    this.fleet = new FleetSweeper(clock, sleeper, jobs);
  }

  /** Tells {@code events} when each wait starts and ends. */
  public JobWaiter observe(Events events) {
    this.events = events;
    return this;
  }

  /** Waits running now. */
  public int running() {
    return running.get();
  }

  /** Ends every wait running with {@link ClientClosedException}: the client was closed, no poll would be sent. */
  public void close() {
    for (Wait wait : waits) {
      wait.result.completeExceptionally(new ClientClosedException(
          "the client was closed while waiting for job " + wait.jobId + "; the job goes on: wait again with its id"));
    }
  }

  /** Waits for {@code jobId}; {@code seen} is a reading already in hand (a submission's answer), or null. */
  public CompletableFuture<JobSnapshot> await(String jobId, WaitOptions options, @Nullable JobSnapshot seen) {
    return await(jobId, options, seen, null);
  }

  /**
   * The same; {@code createdAt}: when the job was created on this client's clock (its submission was sent), or
   * null when unknown, which leaves out what was learned of such jobs' length.
   */
  public CompletableFuture<JobSnapshot> await(String jobId, WaitOptions options, @Nullable JobSnapshot seen,
      @Nullable Instant createdAt) {
    Wait wait = new Wait(jobId, options, createdAt);
    running.incrementAndGet();
    waits.add(wait);
    events.waitStarted(jobId);
    wait.result.whenComplete((job, error) -> {
      running.decrementAndGet();
      waits.remove(wait);
      fleet.leave(wait);
    });
    if (seen == null) {
      wait.poll();
    } else {
      wait.observe(seen);
    }
    return events.waitObserved(jobId, wait.result);
  }

  private final class Wait implements FleetSweeper.Member {
    final String jobId;
    final WaitOptions options;
    final Instant start = clock.instant();
    final @Nullable Instant deadline;
    final PollState state = new PollState(start);
    final CompletableFuture<JobSnapshot> result = new CompletableFuture<>();
    final JobProgress progress = new JobProgress();
    @Nullable JobSnapshot last;
    boolean unknownLogged;
    boolean unreadableBefore;
    volatile boolean solo;
    volatile boolean inFleet;
    /** A new wait wants its first reading at once; a fleet reads this only once the wait joined it. */
    volatile Instant wantedAt = start;
    volatile @Nullable Duration typical;
    final AtomicBoolean timingOut = new AtomicBoolean();

    final @Nullable Instant createdAt;

    Wait(String jobId, WaitOptions options, @Nullable Instant createdAt) {
      this.createdAt = createdAt;
      this.jobId = jobId;
      this.options = options;
      this.deadline = options.deadline().map(start::plus).orElse(null);
    }

    @Override
    public String jobId() {
      return jobId;
    }

    @Override
    public @Nullable OffsetDateTime createdAt() {
      JobSnapshot seen = last;
      return seen == null ? null : seen.job().createdAt();
    }

    @Override
    public Instant wantedAt() {
      return wantedAt;
    }

    @Override
    public @Nullable Duration typicalLength() {
      return typical;
    }

    @Override
    public boolean done() {
      return result.isDone();
    }

    @Override
    public void leaveFleet(boolean readNow) {
      inFleet = false;
      solo = true;
      if (readNow) {
        poll();
      } else {
        pollAfter(Duration.between(clock.instant(), wantedAt));
      }
    }

    void poll() {
      if (result.isDone()) {
        return;
      }
      if (last == null && !solo) {
        // A wait with no reading yet joins a running fleet at once: the next sweep finds its job by id.
        wantedAt = clock.instant();
        if (joinsFleet()) {
          fleet.schedule();
          return;
        }
      }
      jobs.get(jobId, deadline).whenComplete((job, error) -> {
        if (error == null) {
          observe(job);
        } else {
          missed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }
      });
    }

    @Override
    public synchronized void observe(JobSnapshot job) {
      if (result.isDone()) {
        return;
      }
      unreadableBefore = false;
      JobStatus before = last == null ? null : last.status();
      double progressBefore = progress.highest();
      last = job;
      double fraction = progress.read(job.job().progress());
      state.record(clock.instant(), job.rawStatus().orElse(""), fraction);
      if (createdAt != null && state.expectedAt() == null) {
        durations.expected(job).ifPresent(length -> {
          state.expect(createdAt, length);
          typical = length;
        });
      }
      notifyListener(job, before, progressBefore);
      switch (job.status()) {
        case SUCCESS -> {
          durations.learn(job, createdAt == null ? null : Duration.between(createdAt, clock.instant()));
          result.complete(job);
        }
        case FAILURE -> result.completeExceptionally(new JobFailedException(job));
        case CANCELED -> result.completeExceptionally(new JobCanceledException(jobId));
        default -> {
          if (job.status() == JobStatus.UNKNOWN && !unknownLogged) {
            unknownLogged = true;
            LOG.warn("Job {} reports a status this version of ltx4j does not know; treating it as still running", jobId);
          }
          pollAfter(policy.next(state, clock.instant()));
        }
      }
    }

    synchronized void missed(Throwable error) {
      if (error instanceof UnexpectedResponseException unreadable) {
        // One garbled answer may be a proxy's hiccup; two in a row are the service's answer, and waiting until the
        // deadline would only hide it.
        if (unreadableBefore) {
          result.completeExceptionally(new JobUnreadableException(jobId, unreadable));
          return;
        }
        unreadableBefore = true;
        LOG.debug("Job {} answered with a body ltx4j cannot read ({}); reading it once more", jobId, error.getMessage());
        pollAfter(policy.next(state, clock.instant()));
        return;
      }
      if (RetryPolicy.of(error) != RetryPolicy.Failure.TRANSIENT) {
        result.completeExceptionally(error);
        return;
      }
      LOG.debug("Polling job {} failed for now ({}); the wait goes on", jobId, error.getMessage());
      state.recordMiss();
      Duration next = policy.next(state, clock.instant());
      if (error instanceof RateLimitException limited && limited.retryAfter().isPresent()) {
        Duration asked = RetryPolicy.capHint(limited.retryAfter().get());
        next = asked.compareTo(next) > 0 ? asked : next;
      }
      pollAfter(next);
    }

    void pollAfter(Duration delay) {
      Instant now = clock.instant();
      if (deadline != null && !now.isBefore(deadline)) {
        timeOut();
        return;
      }
      Duration wait = deadline != null && now.plus(delay).isAfter(deadline) ? Duration.between(now, deadline) : delay;
      wantedAt = now.plus(wait.isNegative() ? Duration.ZERO : wait);
      if (joinsFleet()) {
        fleet.schedule();
        return;
      }
      sleeper.sleep(wait).whenComplete((ignored, error) -> {
        if (error != null) {
          result.completeExceptionally(new Ltx4jException("poll wait failed", error));
        } else {
          poll();
        }
      });
    }

    /**
     * Whether the next reading comes from a sweep: many waits run, and this one has no reading yet or knows when its
     * job was created (how far back the list must be read).
     */
    boolean joinsFleet() {
      if (inFleet) {
        return true;
      }
      if (solo || !fleet.open() || running.get() < fleetSize || last != null && last.job().createdAt() == null) {
        return false;
      }
      inFleet = true;
      if (deadline != null) {
        // A sweep runs when some member wants it; the deadline is this wait's own.
        sleeper.sleep(Duration.between(clock.instant(), deadline)).whenComplete((ignored, error) -> {
          if (!result.isDone()) {
            fleet.leave(this);
            timeOut();
          }
        });
      }
      fleet.join(this);
      return true;
    }

    void timeOut() {
      if (!timingOut.compareAndSet(false, true)) {
        return; // the deadline's timer and a late reading may both get here
      }
      if (!options.cancelOnDeadline()) {
        result.completeExceptionally(timeout(null));
        return;
      }
      jobs.cancel(jobId).handle((job, error) -> {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
          return "canceled";
        }
        return cause instanceof JobNotCancellableException ? "not cancellable: " + cause.getMessage()
            : "failed: " + cause.getMessage();
      }).thenAccept(outcome -> result.completeExceptionally(timeout(outcome)));
    }

    JobTimeoutException timeout(@Nullable String cancelOutcome) {
      Double reached = Double.isNaN(progress.highest()) ? null : progress.highest();
      return new JobTimeoutException(jobId, last == null ? null : last.status(), reached,
          Duration.between(start, clock.instant()), cancelOutcome);
    }

    void notifyListener(JobSnapshot job, @Nullable JobStatus before, double progressBefore) {
      JobListener listener = options.listener();
      try {
        if (job.status() != before) {
          listener.onStatusChange(jobId, before, job.status());
        }
        double now = progress.highest();
        if (!Double.isNaN(now) && now != progressBefore) {
          listener.onProgress(jobId, now);
        }
        listener.onPoll(job);
      } catch (RuntimeException e) {
        LOG.warn("A job listener threw; the wait goes on", e);
      }
    }
  }
}
