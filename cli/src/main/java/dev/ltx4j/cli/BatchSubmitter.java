package dev.ltx4j.cli;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 */
final class BatchSubmitter {
  private final LtxClient client;
  private final Journal journal;
  private final Map<Integer, LtxRequest> requests;
  private final Path out;
  private final Output output;
  private final ReadWriteLock gate = new ReentrantReadWriteLock();

  BatchSubmitter(LtxClient client, Journal journal, Map<Integer, LtxRequest> requests, Path out, Output output) {
    this.client = client;
    this.journal = journal;
    this.requests = requests;
    this.out = out;
    this.output = output;
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
    Instant sentAt = Instant.now();
    gate.readLock().lock();
    try {
      journal.submitting(line, sentAt);
      String jobId = client.submit(requests.get(line)).jobId();
      journal.submitted(line, jobId);
      return jobId;
    } catch (SubmissionOutcomeUnknownException unknown) {
      output.note("line " + line + ": " + unknown.getMessage());
    } finally {
      gate.readLock().unlock();
    }
    return recover(line, sentAt, "after a lost answer").orElseThrow(() -> new CommandException(
        ExitCodes.OUTCOME_UNKNOWN, "the submission's answer was lost and no job made with it was found yet; "
        + "nothing was resubmitted: run the batch again to look again"));
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
