package dev.ltx4j.postgres;

import dev.ltx4j.AuthenticationException;
import dev.ltx4j.BadRequestException;
import dev.ltx4j.ConfigurationException;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.PermissionDeniedException;
import dev.ltx4j.Submission;
import dev.ltx4j.model.JobStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed line to its video by the ledger's protocol. A line is marked {@code submitting} and committed
 * before its paid request is sent, and {@code submitted} with the job id after the answer. A line found
 * {@code submitting} (its sender died, or lost the answer) is recovered before anything is sent again: the jobs made
 * with its request since it was sent, less those any line holds, are looked up; one is taken when the rest can be
 * explained by lines of the same request still waiting for theirs, the line is left to a person when they cannot,
 * and it is sent again only when none turned up within the recovery grace after it was sent.
 *
 * <p>Senders hold the request's PostgreSQL advisory lock in shared mode from the mark to the recorded answer, and
 * recovery holds it alone, so that recovery never runs while a submission of the same request is in flight
 * anywhere: a job whose answer is on its way is never taken for another line. A sender that dies loses its
 * connection, and with it the lock.
 */
final class LineSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(LineSubmitter.class);

  enum Outcome { DONE, FAILED, LEFT }

  private final BatchLedger ledger;
  private final BatchWorker.Builder settings;
  private final String workerId;
  private final SlotWaiter waiter;

  LineSubmitter(BatchLedger ledger, BatchWorker.Builder settings, String workerId, SlotWaiter waiter) {
    this.ledger = ledger;
    this.settings = settings;
    this.workerId = workerId;
    this.waiter = waiter;
  }

  /** A digest of the request, equal for equal requests: lines with the same one are interchangeable. */
  static String requestKey(LtxRequest request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Outcome take(BatchLine claimed) throws InterruptedException {
    BatchLine line = claimed;
    boolean sentHere = false;
    JobSnapshot found = null;
    while (true) {
      switch (line.state()) {
        case PENDING -> {
          line = submit(line);
          if (line == null) {
            return Outcome.LEFT;
          }
          sentHere = line.state() == LineState.SUBMITTED;
        }
        case SUBMITTING -> {
          Recovery step = recover(line);
          if (step.line() == null) {
            return Outcome.FAILED;
          }
          if (!step.pause().isZero()) {
            Thread.sleep(step.pause().toMillis());
          }
          line = step.line();
          found = step.job();
        }
        case SUBMITTED -> {
          return finish(line, sentHere ? null : found != null ? found : settings.client.getJob(line.jobId()));
        }
        default -> {
          return Outcome.LEFT;
        }
      }
    }
  }

  /** The line with its job, the line still to recover, or null when this worker lost it. */
  private BatchLine submit(BatchLine line) throws InterruptedException {
    LtxRequest request = settings.decoder.apply(line.request());
    waiter.take(slotKey(line));
    try (Connection connection = ledger.dataSource().getConnection()) {
      connection.setAutoCommit(true);
      ledger.lockShared(connection, lockKey(line));
      try {
        Instant sentAt = Instant.now();
        if (!ledger.markSubmitting(connection, line, workerId, sentAt)) {
          return null; // another worker has it now
        }
        BatchLine sending = with(line, LineState.SUBMITTING, sentAt, null);
        settings.hooks.beforeSubmit(sending);
        Submission submission;
        try {
          submission = settings.client.submit(request);
        } catch (BadRequestException | InvalidRequestException | AuthenticationException | PermissionDeniedException
            | ConfigurationException refused) {
          // the service said no: nothing was created, and sending it again would be refused again
          ledger.markFailed(sending, refused.getMessage());
          freeSlot(line);
          return with(line, LineState.FAILED, sentAt, null);
        } catch (Ltx4jException unknown) {
          LOG.info("line {}: the submission's outcome is unknown ({}); recovering it", line.line(), unknown.toString());
          return sending;
        }
        settings.hooks.afterSubmitAnswer(sending, submission.jobId());
        Double credits = submission.creativeUnitsCost().isPresent()
            ? submission.creativeUnitsCost().getAsDouble() : null;
        if (!ledger.markSubmitted(sending, submission.jobId(), credits)) {
          LOG.warn("line {}: job {} was created but the line was no longer submitting", line.line(),
              submission.jobId());
          return null;
        }
        return with(line, LineState.SUBMITTED, sentAt, submission.jobId());
      } finally {
        ledger.unlockAll(connection);
      }
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL statement failed: " + e.getMessage(), e);
    }
  }

  /** What a recovery step decided: the line as it is now (null: given up), a pause first, the job it found. */
  private record Recovery(BatchLine line, Duration pause, JobSnapshot job) {
    Recovery(BatchLine line, Duration pause) {
      this(line, pause, null);
    }
  }

  private Recovery recover(BatchLine line) {
    LtxRequest request = settings.decoder.apply(line.request());
    try (Connection connection = ledger.dataSource().getConnection()) {
      connection.setAutoCommit(true);
      ledger.lockExclusive(connection, lockKey(line));
      try {
        BatchLine now = ledger.line(line.batchId(), line.line());
        if (now.state() != LineState.SUBMITTING) {
          return new Recovery(now, Duration.ZERO); // its sender recorded the answer meanwhile
        }
        List<JobSnapshot> found = settings.client.findSubmittedJobs(request, now.sentAt());
        List<String> ids = found.stream().map(job -> job.id().orElseThrow()).toList();
        Set<String> held = ledger.heldJobIds(ids);
        List<String> free = ids.stream().filter(id -> !held.contains(id)).toList();
        if (free.isEmpty()) {
          Duration left = Duration.between(Instant.now(), now.sentAt().plus(settings.recoveryGrace));
          if (!left.isNegative() && !left.isZero()) {
            Duration wait = left.compareTo(Duration.ofSeconds(2)) < 0 ? left : Duration.ofSeconds(2);
            return new Recovery(now, wait); // a request on the wire when its sender died may still arrive
          }
          ledger.markPending(now);
          LOG.info("line {}: no job came of its submission; sending it again", line.line());
          return new Recovery(with(now, LineState.PENDING, null, null), Duration.ZERO);
        }
        int waiting = ledger.unresolvedWithRequest(line.batchId(), line.requestKey());
        if (free.size() > waiting) {
          ledger.markUnresolved(now, free.size() + " jobs not held by other lines match this line's request, and "
              + "recovery cannot tell which one it created: " + String.join(", ", free)
              + ". Nothing was resubmitted.");
          freeSlot(line);
          return new Recovery(null, Duration.ZERO);
        }
        String jobId = free.get(0);
        ledger.markSubmitted(now, jobId, null);
        LOG.info("line {}: found its job {} after its sender stopped", line.line(), jobId);
        JobSnapshot job = found.stream().filter(j -> j.id().orElseThrow().equals(jobId)).findFirst().orElseThrow();
        return new Recovery(with(now, LineState.SUBMITTED, now.sentAt(), jobId), Duration.ZERO, job);
      } finally {
        ledger.unlockAll(connection);
      }
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL statement failed: " + e.getMessage(), e);
    }
  }

  /**
   * Waits for the line's job, frees its seat, saves its video. {@code seen}: a reading of a job this worker did not
   * send (a line taken over, or recovered), or null: a job that finished while its worker was dead is seen at once
   * instead of when a wait that knows nothing of it gets round to reading it.
   */
  private Outcome finish(BatchLine line, JobSnapshot seen) {
    JobSnapshot job;
    try {
      job = seen != null && seen.status() == JobStatus.SUCCESS && hasAssets(seen) ? seen
          : BatchWorker.awaitJob(settings.client, line.jobId(), settings.jobDeadline);
    } catch (RuntimeException e) {
      if (!BatchWorker.finalFailure(e)) {
        throw e;
      }
      LOG.debug("line {}: job {} seen failed", line.line(), line.jobId());
      freeSlot(line);
      ledger.markFailed(line, e.getMessage());
      return Outcome.FAILED;
    }
    LOG.debug("line {}: job {} seen finished", line.line(), line.jobId());
    freeSlot(line); // the job is over: its slot goes to the next submission before the download
    Path target = BatchWorker.target(settings.out, line.line());
    BatchWorker.download(settings.client, job, target);
    ledger.markDone(line, target.toAbsolutePath().toString());
    return Outcome.DONE;
  }

  private static boolean hasAssets(JobSnapshot job) {
    try {
      return !job.assetIds().isEmpty();
    } catch (Ltx4jException e) {
      return false;
    }
  }

  private void freeSlot(BatchLine line) {
    waiter.release(slotKey(line));
  }

  static String slotKey(BatchLine line) {
    return "batch:" + line.batchId() + ":" + line.line();
  }

  private static long lockKey(BatchLine line) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(line.requestKey().substring(0, 16))).getLong();
  }

  private static BatchLine with(BatchLine line, LineState state, Instant sentAt, String jobId) {
    return new BatchLine(line.batchId(), line.line(), line.request(), line.requestKey(), state, sentAt, jobId);
  }
}
