package dev.ltx4j.batch;

import dev.ltx4j.ApiException;
import dev.ltx4j.BadRequestException;
import dev.ltx4j.ClientClosedException;
import dev.ltx4j.DownloadOptions;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobListener;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.Submission;
import dev.ltx4j.SubmissionNotSentException;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import dev.ltx4j.SubmitOptions;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.model.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed line to its video by the batch protocol. Every wait (a seat, a request permit) comes before the
 * line is marked sending; the mark is the fence, stored immediately before the paid request leaves, and refused once
 * the line passed to another worker. A line found marked but without a job is recovered before anything is sent
 * again: the jobs made with its request since it was sent, less those any line holds, are looked up once no line of
 * the same request is on its way; one is taken when the rest can be explained by lines of the same request still
 * waiting for theirs; more go to a person; none, once the grace after its sending passed on the store's clock, send
 * it again. A job id answered is recorded before anything else, and kept in hand until the store takes it.
 */
final class LineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LineRunner.class);
  private static final Duration SEAT_RECHECK = Duration.ofSeconds(2);
  /** How long a line waits for its seat without being told of one: stores tell it, this covers a missed word. */
  private static final Duration SEAT_WAIT = Duration.ofSeconds(10);

  /**
   * How a line ended for this worker. {@code LEFT}: another claim has it, nothing went wrong here; {@code SET_BACK}:
   * this worker could not go on with it now (a refusal, a failed wait), which counts toward giving it up.
   */
  enum Outcome { DONE, FAILED, UNRESOLVED, NOT_SAVED, LEFT, SET_BACK, STOPPED }

  /** What one run of a line came to, for the worker's report. */
  record Result(int line, Outcome outcome, @Nullable String jobId, @Nullable Path file, @Nullable String message) {}

  private final LineSettings settings;
  private final BatchStore store;
  private final StoreCalls calls;
  private final Ceiling ceiling;
  private final Progress progress;
  private final Events events;
  private final SeatTurn turn;

  LineRunner(LineSettings settings, StoreCalls calls, Ceiling ceiling, Progress progress, Events events,
      SeatTurn turn) {
    this.settings = settings;
    this.store = settings.store();
    this.calls = calls;
    this.ceiling = ceiling;
    this.progress = progress;
    this.events = events;
    this.turn = turn;
  }

  Result run(Claim claimed) throws InterruptedException {
    Claim claim = claimed;
    @Nullable JobSnapshot seen = null;
    boolean sentHere = false;
    while (true) {
      progress.step();
      BatchLine line = claim.line();
      if (line.state() != LineState.PENDING) {
        turn.release(); // only a line that waits for its seat needs the turn
      }
      switch (line.state()) {
        case PENDING -> {
          Step step = send(claim);
          Result ended = step.result();
          if (ended != null) {
            return ended;
          }
          claim = step.next();
          sentHere = claim.line().state() == LineState.SUBMITTED;
        }
        case SUBMITTING -> {
          Step step = recover(claim);
          Result ended = step.result();
          if (ended != null) {
            return ended;
          }
          claim = step.next();
          seen = step.job();
        }
        case SUBMITTED -> {
          return finish(claim, sentHere ? null : seen, sentHere);
        }
        default -> {
          return new Result(line.line(), Outcome.LEFT, line.jobId(), null, "settled before");
        }
      }
    }
  }

  /** A step of the protocol: the line as it is now, or how it ended here; and a job read on the way, if any. */
  private record Step(@Nullable Claim claim, @Nullable Result result, @Nullable JobSnapshot job) {
    static Step next(Claim claim) {
      return new Step(claim, null, null);
    }

    static Step ended(Result result) {
      return new Step(null, result, null);
    }

    /** The line as it is now, of a step that did not end the run. */
    Claim next() {
      return Objects.requireNonNull(claim, "the run ended");
    }
  }

  // ---- sending

  private Step send(Claim claim) throws InterruptedException {
    BatchLine line = claim.line();
    if (!awaitSeat(claim)) {
      return Step.ended(result(line, Outcome.STOPPED, null, "the batch stopped sending"));
    }
    // While the ceiling is unknown one line sends at a time, from before its mark to after its answer was dealt with
    // (a refusal of the account stops the batch before the next line marks).
    try (AutoCloseable turn = ceiling.sendTurn()) {
      return sendNow(claim);
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Step sendNow(Claim claim) throws InterruptedException {
    BatchLine line = claim.line();
    LtxRequest request = settings.decoder().apply(line.request());
    Fence fence = new Fence(claim);
    Submission submission;
    try {
      submission = submitFenced(request, fence);
    } catch (SubmissionNotSentException notSent) {
      Halt halt = fence.halt;
      if (halt != null) {
        throw halt;
      }
      return notSent(claim, fence, notSent);
    } catch (RateLimitException limited) {
      // Refused, so not received: a concurrency refusal teaches the ceiling; either way the line waits its turn.
      if (limited.isConcurrencyLimit()) {
        LOG.info("line {}: refused for the team's ceiling ({}) while this worker held {} seats; it waits for one",
            line.line(), limited.actionLimit().isPresent() ? String.valueOf(limited.actionLimit().getAsInt()) : "unnamed",
            progress.seatsHeld());
        ceiling.learn(limited.actionLimit().orElse(Math.max(1, progress.seatsHeld() - 1)));
      }
      unsent(claim);
      pause(limited.retryAfter().orElse(SEAT_RECHECK));
      return Step.next(claim.with(line.with(LineState.PENDING, null, null)));
    } catch (ApiException refused) {
      unsent(claim);
      if (refused.refusesTheAccount()) {
        calls.run("stop the batch", () -> {
          store.stop(line.batchId(), why(refused));
          return null;
        });
        return Step.ended(result(line, Outcome.STOPPED, null, refused.getMessage()));
      }
      if (refused instanceof BadRequestException) {
        calls.run("record the failure", () -> store.markFailed(claim, why(refused)));
        return Step.ended(result(line, Outcome.FAILED, null, refused.getMessage()));
      }
      LOG.info("line {}: the submission was refused ({}); trying again later", line.line(), refused.getMessage());
      return Step.ended(leave(claim, refused.getMessage()));
    } catch (InvalidRequestException invalid) {
      unsent(claim);
      calls.run("record the failure", () -> store.markFailed(claim, why(invalid)));
      return Step.ended(result(line, Outcome.FAILED, null, invalid.getMessage()));
    } catch (SubmissionOutcomeUnknownException unknown) {
      LOG.info("line {}: the submission's outcome is unknown ({}); recovering it", line.line(), unknown.getMessage());
      note(line, "the submission's answer was lost; looking for its job");
      calls.run("mark line " + line.line() + " unanswered", () -> store.markUnanswered(claim));
      return Step.next(claim.with(line.with(LineState.SUBMITTING, fence.markedAt(), null)));
    } catch (ClientClosedException closed) {
      return Step.ended(result(line, Outcome.LEFT, null, "the worker stopped"));
    } catch (Ltx4jException failed) {
      // Nothing left (a refused connection, retried and refused again): the line waits and is sent later.
      unsent(claim);
      LOG.info("line {}: not sent ({}); trying again later", line.line(), failed.getMessage());
      return Step.ended(leave(claim, failed.getMessage()));
    }
    events.afterSubmitAnswer(claim.line(), submission.jobId());
    Double credits = submission.creativeUnitsCost().isPresent() ? submission.creativeUnitsCost().getAsDouble() : null;
    return recorded(claim, submission.jobId(), credits, fence.markedAt());
  }

  /** Sends the request behind {@code fence}, telling the listener when it is on its way and when that ended. */
  private Submission submitFenced(LtxRequest request, Fence fence) {
    try {
      return settings.client().submit(request, SubmitOptions.defaults().withFence(fence));
    } finally {
      if (fence.sending) {
        events.answered(fence.claim.line().line());
      }
    }
  }

  /** The fence: marks the line sending, and lets the request leave only if the mark was quick and is still ours. */
  private final class Fence implements dev.ltx4j.SendFence {
    private final Claim claim;
    volatile BatchStore.@Nullable Mark mark;
    volatile boolean slow;
    volatile @Nullable Instant markedAt;
    volatile @Nullable Halt halt;
    volatile boolean sending;

    Fence(Claim claim) {
      this.claim = claim;
    }

    @Override
    public boolean maySend() {
      try {
        return check();
      } catch (Halt halted) {
        halt = halted; // a kill, for tests: it must end the worker, not read as a refused fence
        return false;
      }
    }

    private boolean check() {
      events.beforeMark(claim.line());
      Instant start = settings.time().now();
      mark = store.markSubmitting(claim);
      markedAt = settings.time().now();
      Duration took = Duration.between(start, markedAt);
      if (mark != BatchStore.Mark.SENDING) {
        return false;
      }
      // The mark is stamped when the store stored it; one that took long to come back may be older than the lease.
      slow = took.compareTo(settings.maxMarkAge()) > 0;
      if (slow) {
        return false;
      }
      events.beforeSubmit(claim.line());
      sending = true;
      events.sending(claim.line().line());
      return true;
    }

    Instant markedAt() {
      Instant at = markedAt;
      return at == null ? settings.time().now() : at;
    }
  }

  private Step notSent(Claim claim, Fence fence, SubmissionNotSentException notSent) throws InterruptedException {
    BatchLine line = claim.line();
    BatchStore.Mark mark = fence.mark;
    if (mark == BatchStore.Mark.LOST) {
      return Step.ended(result(line, Outcome.LEFT, null, "the line passed to another worker"));
    }
    if (mark == BatchStore.Mark.NO_SEAT) {
      LOG.info("line {}: its seat was taken back while this worker's lease had lapsed; waiting for one", line.line());
      progress.seatFreed(line);
      return Step.next(claim); // still pending: the next step waits for a seat again
    }
    if (mark == BatchStore.Mark.STOPPED || mark == BatchStore.Mark.OVER_CAP) {
      if (mark == BatchStore.Mark.OVER_CAP) {
        calls.run("stop the batch", () -> {
          store.stop(line.batchId(), "its spending cap would be passed");
          return null;
        });
      }
      unsent(claim);
      return Step.ended(result(line, Outcome.STOPPED, null, mark == BatchStore.Mark.STOPPED
          ? "the batch stopped sending" : "the spending cap would be passed"));
    }
    // The store failed while marking, or answered too late: the mark may stand, but nothing was sent.
    LOG.info("line {}: not sent ({}); marking it unsent", line.line(),
        fence.slow ? "the store took too long to mark it" : notSent.getMessage());
    unsent(claim);
    pause(SEAT_RECHECK);
    return Step.next(claim.with(line.with(LineState.PENDING, null, null)));
  }

  /** Records an answered job, retrying while the store is down: the id is never dropped. */
  private Step recorded(Claim claim, String jobId, @Nullable Double credits, Instant sentAt)
      throws InterruptedException {
    BatchLine line = claim.line();
    BatchStore.Recorded recorded = calls.untilDone("record job " + jobId + " of line " + line.line(),
        () -> store.markSubmitted(claim, jobId, credits));
    switch (recorded) {
      case LINE -> {
        return Step.next(claim.with(line.with(LineState.SUBMITTED, sentAt, jobId)));
      }
      case HELD_ELSEWHERE -> {
        // Another line's recovery took this job: this line's own request made one too, or not; recovery finds out.
        LOG.info("line {}: the service answered with job {}, which another line already holds; looking for this "
            + "line's own job", line.line(), jobId);
        note(line, "its job " + jobId + " is held by another line; looking for its own");
        return Step.next(claim.with(line.with(LineState.SUBMITTING, sentAt, null)));
      }
      default -> {
        LOG.warn("line {}: job {} came after the line had a job; it is kept as an extra job of the line",
            line.line(), jobId);
        BatchLine now = calls.untilDone("read line " + line.line(), () -> store.line(line.batchId(), line.line()))
            .orElseThrow();
        return now.state() == LineState.SUBMITTED ? Step.next(claim.with(now))
            : Step.ended(result(line, Outcome.LEFT, jobId, "its job came late; kept as an extra job"));
      }
    }
  }

  private boolean awaitSeat(Claim claim) throws InterruptedException {
    LOG.debug("slot wanted by {}", claim.line().seatKey());
    boolean handed = false;
    while (true) {
      progress.step();
      if (handed
          || calls.untilDone("take a seat for line " + claim.line().line(), () -> store.takeSeat(claim, ceiling.get()))) {
        LOG.debug("slot taken by {}", claim.line().seatKey());
        progress.seatTaken(claim.line());
        turn.release();
        return true;
      }
      // A batch stopped meanwhile is found at the mark, which refuses: nothing is asked here but the seat.
      handed = store.awaitSeat(claim.line(), SEAT_WAIT);
    }
  }

  // ---- recovering

  private Step recover(Claim claim) throws InterruptedException {
    LtxRequest request = settings.decoder().apply(claim.line().request());
    while (true) {
      progress.step();
      BatchLine now = calls.untilDone("read line " + claim.line().line(),
          () -> store.line(claim.line().batchId(), claim.line().line())).orElseThrow();
      if (now.state() != LineState.SUBMITTING) {
        return Step.next(claim.with(now)); // its sender recorded the answer meanwhile
      }
      if (calls.untilDone("look for submissions on their way", () -> store.inFlightWithRequest(now.batchId(),
          now.requestKey(), now.line(), settings.timeout()))) {
        store.awaitChange(SEAT_RECHECK); // a job whose answer is on its way is not this line's to take
        continue;
      }
      Instant sentAt = Objects.requireNonNull(now.sentAt(), "a line marked sending has its time");
      List<JobSnapshot> found = settings.client().findSubmittedJobs(request, sentAt);
      List<String> ids = found.stream().map(job -> job.id().orElseThrow()).toList();
      // Counted before the held jobs are read: a line leaves the waiting ones only by holding its job, so a job
      // recorded in between leaves the free jobs, never only the waiting count (which would look ambiguous).
      int waiting = calls.untilDone("count waiting lines", () -> store.waitingWithRequest(now.batchId(),
          now.requestKey()));
      Set<String> held = calls.untilDone("read held jobs", () -> store.heldJobIds(ids));
      List<String> free = ids.stream().filter(id -> !held.contains(id)).toList();
      if (free.isEmpty()) {
        Duration left = Duration.between(calls.untilDone("read the store's clock", store::now),
            sentAt.plus(settings.recoveryGrace()));
        if (left.compareTo(Duration.ZERO) > 0) {
          pause(left.compareTo(SEAT_RECHECK) < 0 ? left : SEAT_RECHECK); // a request on the wire may still land
          continue;
        }
        if (!calls.untilDone("mark line " + now.line() + " unsent", () -> store.markPending(claim.with(now)))) {
          return Step.ended(result(now, Outcome.LEFT, null, "the line passed to another worker"));
        }
        LOG.info("line {}: no job came of its submission; sending it again", now.line());
        note(now, "no job came of its submission; sending it again");
        return Step.next(claim.with(now.with(LineState.PENDING, null, null)));
      }
      if (free.size() > waiting) {
        String error = free.size() + " jobs not taken by other lines match this line's request, and recovery cannot "
            + "tell which one it created: " + String.join(", ", free) + ". Nothing was resubmitted.";
        calls.untilDone("mark line " + now.line() + " unresolved", () -> store.markUnresolved(claim.with(now), error));
        release(now);
        return Step.ended(result(now, Outcome.UNRESOLVED, null, error));
      }
      String jobId = free.get(0);
      Double credits = priceOf(request, now.line());
      BatchStore.Recorded recorded = calls.untilDone("record job " + jobId, () -> store.markSubmitted(claim.with(now),
          jobId, credits));
      if (recorded == BatchStore.Recorded.HELD_ELSEWHERE) {
        continue;
      }
      LOG.info("line {}: found its job {}", now.line(), jobId);
      note(now, "found its job " + jobId + " by recovery");
      BatchLine after = calls.untilDone("read line " + now.line(), () -> store.line(now.batchId(), now.line()))
          .orElseThrow();
      JobSnapshot job = found.stream().filter(j -> j.id().orElseThrow().equals(after.jobId())).findFirst()
          .orElse(null);
      return new Step(claim.with(after), null, job);
    }
  }

  // ---- finishing

  private Result finish(Claim claim, @Nullable JobSnapshot seen, boolean seated) throws InterruptedException {
    BatchLine line = claim.line();
    String jobId = Objects.requireNonNull(line.jobId(), "a submitted line has its job");
    if (!seated) {
      calls.untilDone("hold line " + line.line() + "'s seat", () -> {
        store.holdSeat(claim);
        return null;
      });
      progress.seatTaken(line);
    }
    JobSnapshot job;
    try {
      JobSnapshot read = seen != null ? seen : settings.client().getJob(jobId);
      job = read.status() == JobStatus.SUCCESS && hasAssets(read) ? read
          : settings.client().await(jobId, WaitOptions.builder().deadline(settings.jobDeadline())
              .listener(progress.jobListener()).build());
    } catch (JobFailedException | JobCanceledException ended) {
      release(line);
      calls.run("record the failure", () -> store.markFailed(claim, why(ended)));
      return result(line, Outcome.FAILED, jobId, ended.getMessage());
    } catch (JobTimeoutException late) {
      return leave(claim, late.getMessage());
    } catch (ClientClosedException closed) {
      return result(line, Outcome.LEFT, jobId, "the worker stopped");
    } catch (Ltx4jException failed) {
      LOG.info("line {}: waiting for job {} failed ({}); leaving it to the next claim", line.line(), jobId,
          failed.getMessage());
      return leave(claim, failed.getMessage());
    }
    release(line); // the job is over: its seat goes to the next line before the download
    progress.seatFreed(line);
    Path target = settings.target(line.line());
    // A worker that was paused or cut off past its lease finds its line passed on: the next owner saves the video.
    if (!calls.untilDone("check line " + line.line() + "'s lease", () -> store.owns(claim))) {
      return result(line, Outcome.LEFT, jobId, "the line passed to another worker");
    }
    try {
      if (!Files.isRegularFile(target)) {
        settings.client().assets().download(job.assetIds().get(0), target, DownloadOptions.defaults());
      }
    } catch (Ltx4jException e) {
      calls.run("give line " + line.line() + " up", () -> store.disown(claim));
      return new Result(line.line(), Outcome.NOT_SAVED, jobId, target, e.getMessage());
    }
    boolean done = calls.untilDone("record line " + line.line() + " done",
        () -> store.markDone(claim, target.toAbsolutePath().toString()));
    return done ? new Result(line.line(), Outcome.DONE, jobId, target, null)
        : result(line, Outcome.LEFT, jobId, "the line passed to another worker");
  }

  private static boolean hasAssets(JobSnapshot job) {
    try {
      return !job.assetIds().isEmpty();
    } catch (Ltx4jException e) {
      return false;
    }
  }

  // ---- helpers

  /**
   * What a job found by recovery cost: a listed job does not say, and its answer was lost; a dry run of the same
   * request, which costs nothing, does. Null when the dry run fails too (the spend then counts the estimate).
   */
  private @Nullable Double priceOf(LtxRequest request, int line) {
    try {
      return settings.client().quote(request).creativeUnitsCost();
    } catch (Ltx4jException e) {
      LOG.info("line {}: the price of its recovered job is unknown ({})", line, e.getMessage());
      return null;
    }
  }

  private void note(BatchLine line, String text) {
    events.note(line.line(), text);
  }

  /** Frees the line's seat; a store that is down frees it later (a settled line's seat is free again by itself). */
  private void release(BatchLine line) {
    calls.run("free line " + line.line() + "'s seat", () -> {
      store.releaseSeat(line);
      return null;
    });
    LOG.debug("slot of {} freed", line.seatKey());
  }

  /** Nothing was sent for the line: it is pending again, and its seat goes to the next. */
  private void unsent(Claim claim) {
    calls.run("mark line " + claim.line().line() + " unsent", () -> store.markPending(claim));
    release(claim.line());
    progress.seatFreed(claim.line());
  }

  /** This worker cannot go on with the line now: another claim (maybe its own, later) continues it. */
  private Result leave(Claim claim, @Nullable String why) throws InterruptedException {
    calls.run("give line " + claim.line().line() + " up", () -> store.disown(claim));
    pause(SEAT_RECHECK);
    return result(claim.line(), Outcome.SET_BACK, claim.line().jobId(), why);
  }

  private void pause(Duration duration) throws InterruptedException {
    settings.time().pause(duration);
  }

  private static Result result(BatchLine line, Outcome outcome, @Nullable String jobId, @Nullable String message) {
    return new Result(line.line(), outcome, jobId, null, message);
  }

  /** What a store records of a failure: its message (the client's exceptions all have one), else its name. */
  private static String why(Exception e) {
    String message = e.getMessage();
    return message != null ? message : e.toString();
  }

  /** What a waiting line tells its worker about itself, so that the worker's lease follows real progress. */
  interface Progress {
    void step();

    void seatTaken(BatchLine line);

    void seatFreed(BatchLine line);

    int seatsHeld();

    JobListener jobListener();
  }

  /**
   * Where the worker's hooks step in, and what its listener hears, on the line's thread. A listener's failure is
   * the worker's to log; a hook that kills the worker throws {@link Halt}.
   */
  interface Events {
    /** The line holds a seat and its request has its permit; it is marked sending next. */
    void beforeMark(BatchLine line);

    /** The line was marked sending (stored); its paid request leaves next. */
    void beforeSubmit(BatchLine line);

    /** The submission was answered with {@code jobId}; the store does not know it yet. */
    void afterSubmitAnswer(BatchLine line, String jobId);

    /** The line's paid request leaves now. */
    void sending(int line);

    /** The line's request was answered, failed, or never left. */
    void answered(int line);

    /** Something a person watching should know of the line. */
    void note(int line, String text);
  }

  /**
   * A hook said the worker dies now, as a killed process would: the run ends where it is and writes nothing more.
   * Its cause is what the hook threw.
   */
  static final class Halt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Halt(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
