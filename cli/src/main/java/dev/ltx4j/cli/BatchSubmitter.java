package dev.ltx4j.cli;

import dev.ltx4j.ApiException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Submission;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

/**
 * Gets each batch line its own job: the one the journal records, one found among recent jobs after a lost answer or
 * a run killed mid-submit, or a new submission. Identical lines are distinct paid jobs, and no job is ever given to
 * two lines.
 *
 * <p>Recovery looks for jobs made with the line's request since it was sent, leaves out those the journal gave to
 * other lines, and takes the one created closest to the sending time only when the rest can be explained: when
 * there are no more of them than lines with that same request still waiting for theirs (those lines are
 * interchangeable). More than that means jobs of unknown origin (another run, another person), so it names them and
 * leaves the line alone. Recovery runs while no submission is in flight in this run, so that it never takes a job
 * whose answer is still on its way.
 *
 * <p>A refusal of the account (402 out of credits, 401 or 403 a key refused) stops the spending at once: no line
 * sends after it, submissions waiting for a slot or a permit are withdrawn unsent, and each such line is journaled
 * back as unsent, so that a run after credits were added picks them up as new.
 */
final class BatchSubmitter {
  private final LtxClient client;
  private final Journal journal;
  private final Map<Integer, LtxRequest> requests;
  private final Path out;
  private final Output output;
  private final PaidInFlight paid;
  private final ReadWriteLock gate = new ReentrantReadWriteLock();
  private final AtomicReference<ApiException> refusal = new AtomicReference<>();
  private final Set<CompletableFuture<Submission>> pending = ConcurrentHashMap.newKeySet();

  /** A line not sent because the account refused an earlier one. */
  static final class LeftUnsent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeftUnsent(ApiException refusal) {
      super(refusal.getMessage(), refusal);
    }
  }

  BatchSubmitter(LtxClient client, Journal journal, Map<Integer, LtxRequest> requests, Path out, Output output,
      PaidInFlight paid) {
    this.client = client;
    this.journal = journal;
    this.requests = requests;
    this.out = out;
    this.output = output;
    this.paid = paid;
  }

  /** The refusal that stopped the batch's spending, if one came. */
  Optional<ApiException> refusal() {
    return Optional.ofNullable(refusal.get());
  }

  /**
   * The line's job id, submitting only when neither the journal nor the recent jobs hold one for it.
   *
   * @throws CommandException with {@link ExitCodes#OUTCOME_UNKNOWN} when it cannot tell which job is the line's
   */
  String jobFor(int line) {
    Journal.Entry entry = journal.entry(line);
    if (entry != null && entry.jobId() != null) {
      return entry.jobId();
    }
    if (entry != null && entry.unresolved()) {
      Optional<String> found = recover(line, entry.sentAt(), "from an interrupted run");
      if (found.isPresent()) {
        return found.get();
      }
    }
    return submit(line);
  }

  private String submit(int line) {
    if (refusal.get() != null) {
      throw new LeftUnsent(refusal.get());
    }
    Instant sentAt = Instant.now();
    gate.readLock().lock();
    try {
      journal.submitting(line, sentAt);
      String jobId;
      try (PaidInFlight.Sending sending = paid.sending(String.valueOf(line))) {
        jobId = send(line);
      }
      journal.submitted(line, jobId);
      return jobId;
    } catch (SubmissionOutcomeUnknownException unknown) {
      output.note("line " + line + ": " + unknown.getMessage());
    } catch (LeftUnsent withdrawn) {
      journal.unsent(line); // withdrawn before it was sent
      throw withdrawn;
    } catch (ApiException refused) {
      journal.unsent(line); // refused: no job came of it
      throw refused.refusesTheAccount() ? new LeftUnsent(refused) : refused;
    } finally {
      gate.readLock().unlock();
    }
    return recover(line, sentAt, "after a lost answer").orElseThrow(() -> new CommandException(
        ExitCodes.OUTCOME_UNKNOWN, "the submission's answer was lost and no job made with it was found yet; "
        + "nothing was resubmitted: run the batch again to look again"));
  }

  /** Sends the line's request; an account refusal withdraws every submission of the batch not sent yet. */
  private String send(int line) {
    CompletableFuture<Submission> submission = client.submitAsync(requests.get(line));
    pending.add(submission);
    // As the refusal arrives, before the client hands the freed turn to the next submission waiting for it.
    submission.whenComplete((ignored, error) -> noteRefusal(error));
    try {
      if (refusal.get() != null) {
        submission.cancel(false); // a refusal came meanwhile: withdrawn if not sent yet
      }
      return submission.get().jobId();
    } catch (CancellationException withdrawn) {
      throw new LeftUnsent(refusal.get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Ltx4jException ltx ? ltx : new Ltx4jException(String.valueOf(e.getCause()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      submission.cancel(true);
      throw new Ltx4jException("interrupted while submitting line " + line, e);
    } finally {
      pending.remove(submission);
    }
  }

  /** The first refusal of the account withdraws every submission not sent yet; one on its way goes on. */
  private void noteRefusal(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof ApiException api && api.refusesTheAccount() && refusal.compareAndSet(null, api)) {
      pending.forEach(other -> other.cancel(false));
    }
  }

  private Optional<String> recover(int line, Instant sentAt, String how) {
    gate.writeLock().lock();
    try {
      LtxRequest request = requests.get(line);
      Set<String> bound = journal.boundJobIds();
      List<JobSnapshot> free = client.findSubmittedJobs(request, sentAt).stream()
          .filter(job -> !bound.contains(job.id().orElseThrow())).toList();
      if (free.isEmpty()) {
        return Optional.empty();
      }
      long waiting = journal.unresolvedLines().stream().filter(other -> request.equals(requests.get(other))).count();
      if (free.size() > waiting) {
        throw ambiguous(line, free);
      }
      String jobId = free.get(0).id().orElseThrow();
      journal.submitted(line, jobId);
      output.note("line " + line + ": found job " + jobId + " " + how);
      return Optional.of(jobId);
    } finally {
      gate.writeLock().unlock();
    }
  }

  private CommandException ambiguous(int line, List<JobSnapshot> candidates) {
    String jobs = candidates.stream().map(job -> job.id().orElseThrow()
        + Optional.ofNullable(job.job().createdAt()).map(at -> " (created " + at + ")").orElse(""))
        .collect(Collectors.joining(", "));
    return new CommandException(ExitCodes.OUTCOME_UNKNOWN, candidates.size() + " jobs not taken by other lines "
        + "match this line's request, and recovery cannot tell which one it created: " + jobs
        + ". Nothing was resubmitted. Check them with `ltx4j job ID`, save the right one with `ltx4j wait ID -o "
        + BatchCommand.target(out, line) + "`, then run the batch again: it takes that file as the line's video.");
  }
}
