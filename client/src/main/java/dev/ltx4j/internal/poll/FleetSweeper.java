package dev.ltx4j.internal.poll;

import dev.ltx4j.JobPage;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.JobWithoutAssetsException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.model.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees many awaited jobs with few requests: instead of one GET per job, one list of the project's jobs (newest
 * first, up to {@link #PAGE_SIZE} a page, read back to the oldest job still awaited) shows every awaited job at
 * once. A sweep runs when the first of its members wants a reading, as its own poll policy says, so that each wait
 * keeps its schedule while one request serves them all; the budget spaces sweeps out when they come too often.
 *
 * <p>A member the list does not show (the list is too long to page back to it, or it is not there) is read on its
 * own and leaves the fleet, as is a finished job the list shows without what its wait must return (its assets).
 */
final class FleetSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSweeper.class);
  static final int PAGE_SIZE = 200;
  /**
   * Pages a sweep reads at most: at least this many, and one more for each {@value #MEMBERS_PER_PAGE} members;
   * beyond, the oldest members cost less read on their own.
   */
  static final int MIN_PAGES = 3;
  static final int MEMBERS_PER_PAGE = 20;
  /** Sweeps start at least this far apart: one shows every member, so more often only spends the budget. */
  static final Duration MIN_GAP = Duration.ofSeconds(1);
  /**
   * Members whose jobs typically take less than {@link #MIN_GAP} ÷ this share are swept closer together, at this
   * share of the shortest such length (never below the poll floor): a second seen late is a third of a 3-s job.
   */
  static final double SHORT_JOB_GAP_SHARE = 0.05;

  /**
   * A wait as the sweeper sees it. A sweep reads back to the oldest member's creation; members not read yet (whose
   * creation is unknown) are looked for on the way, and one not found reads its job on its own.
   */
  interface Member {
    String jobId();

    /** When the job was created, as the service said; null before a first reading (the sweep looks by id). */
    @Nullable OffsetDateTime createdAt();

    /** When the wait wants its next reading. */
    Instant wantedAt();

    /** How long jobs like this one typically take, or null while unknown. */
    default @Nullable Duration typicalLength() {
      return null;
    }

    /** A reading from the list. */
    void observe(JobSnapshot job);

    /** The list cannot serve this member: it reads its job on its own from now on. */
    void leaveFleet(boolean readNow);

    /** The wait ended: no more readings. */
    boolean done();
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final JobSource jobs;
  private final Set<Member> members = ConcurrentHashMap.newKeySet();
  private @Nullable Instant timerAt;
  private @Nullable Instant lastSweep;
  private boolean sweeping;
  private volatile boolean refused;

  FleetSweeper(Clock clock, Sleeper sleeper, JobSource jobs) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.jobs = jobs;
  }

  int size() {
    return members.size();
  }

  void join(Member member) {
    members.add(member);
    schedule();
  }

  void leave(Member member) {
    members.remove(member);
  }

  /** Whether waits may join: false once the service refused a list for good (a key without that permission). */
  boolean open() {
    return !refused;
  }

  /** A member's wanted time moved: the timer follows the earliest. */
  synchronized void schedule() {
    if (sweeping) {
      return; // rescheduled when the sweep ends
    }
    Instant earliest = null;
    Duration gap = MIN_GAP;
    for (Member member : members) {
      if (!member.done() && (earliest == null || member.wantedAt().isBefore(earliest))) {
        earliest = member.wantedAt();
      }
      Duration typical = member.done() ? null : member.typicalLength();
      if (typical != null) {
        Duration share = Duration.ofNanos((long) (typical.toNanos() * SHORT_JOB_GAP_SHARE));
        share = share.compareTo(PollPolicy.FLOOR) < 0 ? PollPolicy.FLOOR : share;
        gap = share.compareTo(gap) < 0 ? share : gap;
      }
    }
    if (earliest == null) {
      return;
    }
    Instant notBefore = lastSweep == null ? earliest : lastSweep.plus(gap);
    earliest = earliest.isBefore(notBefore) ? notBefore : earliest;
    if (timerAt != null && !earliest.isBefore(timerAt)) {
      return;
    }
    Instant at = earliest;
    timerAt = at;
    Duration delay = Duration.between(clock.instant(), at);
    sleeper.sleep(delay.isNegative() ? Duration.ZERO : delay).whenComplete((ignored, error) -> fire(at));
  }

  private void fire(Instant at) {
    synchronized (this) {
      if (!at.equals(timerAt) || sweeping) {
        return; // an earlier timer took over
      }
      timerAt = null;
      lastSweep = clock.instant();
      members.removeIf(Member::done);
      if (members.isEmpty()) {
        return;
      }
      sweeping = true;
    }
    Map<String, List<Member>> awaited = new HashMap<>();
    OffsetDateTime oldest = null;
    for (Member member : members) {
      awaited.computeIfAbsent(member.jobId(), id -> new ArrayList<>()).add(member);
      OffsetDateTime created = member.createdAt();
      oldest = created == null ? oldest : oldest == null || created.isBefore(oldest) ? created : oldest;
    }
    new Sweep(awaited, oldest, Math.max(MIN_PAGES, members.size() / MEMBERS_PER_PAGE)).page(null, 1);
  }

  private final class Sweep {
    final Map<String, List<Member>> unseen;
    final @Nullable OffsetDateTime oldest;
    final Map<Member, JobSnapshot> seen = new HashMap<>();
    final int maxPages;

    Sweep(Map<String, List<Member>> unseen, @Nullable OffsetDateTime oldest, int maxPages) {
      this.unseen = unseen;
      this.oldest = oldest;
      this.maxPages = maxPages;
    }

    void page(@Nullable String token, int number) {
      CompletableFuture<JobPage> page;
      try {
        page = jobs.sweepPage(PAGE_SIZE, token, null);
      } catch (RuntimeException e) {
        page = CompletableFuture.failedFuture(e);
      }
      page.whenComplete((result, error) -> {
        try {
          if (error != null) {
            LOG.debug("A sweep of the job list failed ({}); its members read their jobs on their own", error.toString());
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (RetryPolicy.of(cause) == RetryPolicy.Failure.PERMANENT) {
              refused = true; // a key that may not list jobs (403, 401): no later wait asks again
            }
            finish(true);
            return;
          }
          boolean pastOldest = false;
          for (JobSnapshot job : result.jobs()) {
            List<Member> waits = job.id().map(unseen::remove).orElse(null);
            if (waits != null) {
              waits.forEach(member -> seen.put(member, job));
            }
            OffsetDateTime created = job.job().createdAt();
            pastOldest |= created != null && oldest != null && created.isBefore(oldest);
          }
          if (unseen.isEmpty() || pastOldest || result.next().isEmpty() || number >= maxPages) {
            finish(false);
          } else {
            page(result.next().get(), number + 1);
          }
        } catch (RuntimeException e) {
          LOG.warn("A sweep of the job list failed unexpectedly; its members read their jobs on their own", e);
          unseen.clear();
          seen.keySet().forEach(member -> unseen.computeIfAbsent(member.jobId(), id -> new ArrayList<>()).add(member));
          seen.clear();
          finish(true);
        }
      });
    }

    /** Hands each member its reading; those the list could not serve leave the fleet. */
    void finish(boolean failed) {
      // Still sweeping while readings are handed out: members not yet served keep their old, passed times, which
      // must not start another sweep at once.
      seen.forEach((member, job) -> deliver(() -> {
        if (job.status() == JobStatus.SUCCESS && !namesAssets(job)) {
          leave(member);
          member.leaveFleet(true); // the list left out its assets: one GET reads them
        } else {
          member.observe(job);
        }
      }));
      // Those the list did not serve leave; after a refusal for good, every member does (read on an earlier page, or
      // joined while this sweep ran), or it would start another sweep.
      List<Member> leaving = new ArrayList<>();
      if (refused) {
        synchronized (FleetSweeper.this) {
          leaving.addAll(members);
        }
      } else {
        unseen.values().forEach(leaving::addAll);
      }
      leaving.forEach(member -> deliver(() -> {
        leave(member);
        member.leaveFleet(!failed);
      }));
      synchronized (FleetSweeper.this) {
        sweeping = false;
      }
      schedule();
    }

    private void deliver(Runnable delivery) {
      try {
        delivery.run();
      } catch (RuntimeException e) {
        LOG.warn("A wait failed to take a sweep's reading", e);
      }
    }
  }

  private static boolean namesAssets(JobSnapshot job) {
    try {
      return !job.assetIds().isEmpty();
    } catch (JobWithoutAssetsException e) {
      return false;
    }
  }
}
