package dev.ltx4j.internal.poll;

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
import dev.ltx4j.model.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for jobs by polling, with no thread per wait: each poll is a timer callback followed by an asynchronous
 * request. All waits of a client share one {@link RateBudget}.
 */
public final class JobWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(JobWaiter.class);

  private final Clock clock;
  private final Sleeper sleeper;
  private final RateBudget budget;
  private final PollPolicy policy;
  private final JobSource jobs;

  public JobWaiter(Clock clock, Sleeper sleeper, RateBudget budget, PollPolicy policy, JobSource jobs) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.budget = budget;
    this.policy = policy;
    this.jobs = jobs;
  }

  /** Waits for {@code jobId}; {@code seen} is a reading already in hand (a submission's answer), or null. */
  public CompletableFuture<JobSnapshot> await(String jobId, WaitOptions options, JobSnapshot seen) {
    Wait wait = new Wait(jobId, options);
    if (seen == null) {
      wait.poll();
    } else {
      wait.observe(seen);
    }
    return wait.result;
  }

  private final class Wait {
    final String jobId;
    final WaitOptions options;
    final Instant start = clock.instant();
    final Instant deadline;
    final PollState state = new PollState(start);
    final CompletableFuture<JobSnapshot> result = new CompletableFuture<>();
    final JobProgress progress = new JobProgress();
    JobSnapshot last;
    boolean unknownLogged;
    boolean unreadableBefore;

    Wait(String jobId, WaitOptions options) {
      this.jobId = jobId;
      this.options = options;
      this.deadline = options.deadline().map(start::plus).orElse(null);
    }

    void poll() {
      if (result.isDone()) {
        return;
      }
      Duration slot = budget.reserve(clock.instant());
      CompletableFuture<Void> ready = slot.isZero() ? CompletableFuture.completedFuture(null) : sleeper.sleep(slot);
      ready.thenCompose(ignored -> jobs.get(jobId, deadline)).whenComplete((job, error) -> {
        if (error == null) {
          observe(job);
        } else {
          missed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }
      });
    }

    void observe(JobSnapshot job) {
      unreadableBefore = false;
      JobStatus before = last == null ? null : last.status();
      double progressBefore = progress.highest();
      last = job;
      double fraction = progress.read(job.job().progress());
      state.record(clock.instant(), job.rawStatus().orElse(""), fraction);
      notifyListener(job, before, progressBefore);
      switch (job.status()) {
        case SUCCESS -> result.complete(job);
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

    void missed(Throwable error) {
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
      if (error instanceof RateLimitException limited && limited.retryAfter().isPresent()
          && limited.retryAfter().get().compareTo(next) > 0) {
        next = limited.retryAfter().get();
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
      sleeper.sleep(wait).whenComplete((ignored, error) -> {
        if (error != null) {
          result.completeExceptionally(new Ltx4jException("poll wait failed", error));
        } else {
          poll();
        }
      });
    }

    void timeOut() {
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

    JobTimeoutException timeout(String cancelOutcome) {
      Double reached = Double.isNaN(progress.highest()) ? null : progress.highest();
      return new JobTimeoutException(jobId, last == null ? null : last.status(), reached,
          Duration.between(start, clock.instant()), cancelOutcome);
    }

    void notifyListener(JobSnapshot job, JobStatus before, double progressBefore) {
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
