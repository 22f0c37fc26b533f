package dev.ltx4j.internal.limits;

import static dev.ltx4j.internal.call.RetryPolicy.SLOT_RECHECK;

import dev.ltx4j.JobSlots;
import dev.ltx4j.NoFreeSlotException;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.internal.call.Stoppable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the team's generation slots (its concurrency ceiling) full without being refused: a submission takes a
 * slot before it is sent and the job holds it until it is seen finished, which hands it to the next submission at
 * once. The ceiling is configured, or learned from the service's concurrency 429 ({@code details.actionLimit}, else
 * the slots this client held then); while it is unknown, submissions are sent one at a time, so that finding it
 * costs one refusal instead of one per waiting submission. A refused submission was not received, so sending it
 * again later cannot pay twice.
 *
 * <p>Slots held by other processes, or by jobs this client never looks at again, are not seen here: a waiting
 * submission looks again every few seconds, and after {@link #PROBE_AFTER} without a slot freed sends one anyway, so
 * that a stale count costs one refusal, not a stalled batch.
 */
public final class SubmissionGate {
  private static final Logger LOG = LoggerFactory.getLogger(SubmissionGate.class);
  static final Duration PROBE_AFTER = Duration.ofMinutes(2);

  private final JobSlots slots;
  private final AtomicInteger ceiling;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration maxWait;
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sending = new AtomicInteger();
  /** Jobs whose slot this client took, until seen finished. */
  private final Set<String> bound = ConcurrentHashMap.newKeySet();
  private volatile Instant lastFreed;

  /** {@code ceiling}: the team's, when known; 0 to learn it. */
  public SubmissionGate(JobSlots slots, int ceiling, Clock clock, Sleeper sleeper, Duration maxWait) {
    this.slots = slots;
    this.ceiling = new AtomicInteger(ceiling);
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxWait = maxWait;
    this.lastFreed = clock.instant();
  }

  /** The ceiling known now (configured or learned); 0 while unknown. */
  public int ceiling() {
    return ceiling.get();
  }

  /** Slots taken by this client's submissions and unfinished jobs. */
  public int taken() {
    return slots.taken();
  }

  /**
   * Sends {@code send} once it holds a slot; {@code jobId} names the job an answer created, whose slot it then is.
   * Completes as the submission does, or with {@link NoFreeSlotException} after {@code maxWait} without a slot.
   * Stopping it while it waits for a slot ends it with nothing sent; once sent, {@code send}'s own future decides.
   */
  public <T> Stoppable<T> submit(Supplier<CompletableFuture<T>> send, Function<T, String> jobId) {
    Submission<T> submission = new Submission<>(send, jobId);
    submission.tryNow();
    return submission.result;
  }

  /** Whether submissions wait for a slot: the ceiling, not this client's other work, sets the pace. */
  public boolean anyWaiting() {
    return !waiting.isEmpty();
  }

  /** The job was seen in a final status: its slot goes to the next submission waiting. */
  public void finished(String jobId) {
    // Only jobs this client bound are handed back: every list page shows finished jobs by the hundred, and a shared
    // slot store would pay a round trip for each.
    if (bound.remove(jobId) && slots.release(jobId)) {
      lastFreed = clock.instant();
      wakeOne();
    }
  }

  private void wakeOne() {
    Runnable next = waiting.poll();
    if (next != null) {
      next.run();
    }
  }

  private final class Submission<T> {
    final Supplier<CompletableFuture<T>> send;
    final Function<T, String> jobId;
    final String key = "submission-" + UUID.randomUUID();
    final Instant start = clock.instant();
    final Stoppable<T> result = new Stoppable<>();
    Duration recheck = SLOT_RECHECK.first();
    @Nullable RateLimitException refusal;
    /** The send in progress, once there is one; guarded by this. */
    @Nullable Stoppable<T> inProgress;
    /** Stopped: nothing is sent any more; guarded by this. */
    boolean stopped;

    Submission(Supplier<CompletableFuture<T>> send, Function<T, String> jobId) {
      this.send = send;
      this.jobId = jobId;
      result.stopWith(this::stop);
    }

    /** While waiting for a slot nothing was sent: it ends canceled. Once sent, the send decides. */
    boolean stop(Runnable cancelFirst, boolean evenSent) {
      if (result.isDone()) {
        return false; // its outcome reaches every stage made from it
      }
      Stoppable<T> sent;
      synchronized (this) {
        stopped = true;
        sent = inProgress;
      }
      if (sent != null) {
        return sent.stopWork(cancelFirst, evenSent);
      }
      cancelFirst.run();
      result.cancelHere();
      return true;
    }

    void tryNow() {
      if (result.isDone()) {
        return;
      }
      if (!take()) {
        waitForSlot(null);
        return;
      }
      Stoppable<T> sent;
      synchronized (this) {
        if (stopped) {
          sending.decrementAndGet();
          slots.release(key);
          wakeOne();
          return;
        }
        try {
          sent = Stoppable.of(send.get());
        } catch (RuntimeException e) {
          sent = Stoppable.of(CompletableFuture.failedFuture(e));
        }
        inProgress = sent;
      }
      sent.whenComplete((answer, error) -> {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
          sending.decrementAndGet();
          String job = jobId.apply(answer);
          bound.add(job);
          slots.bind(key, job);
          result.complete(answer);
          wakeOne(); // while the ceiling is unknown, the next submission waits for this one's answer
        } else if (cause instanceof RateLimitException limited && limited.isConcurrencyLimit()) {
          sending.decrementAndGet();
          synchronized (this) {
            inProgress = null; // refused, so not received: a stop while it waits again has nothing to ask it
          }
          slots.release(key);
          learn(limited);
          refusal = limited;
          waitForSlot(limited.retryAfter().orElse(null));
        } else {
          slots.release(key);
          // The caller hears of the failure before the next submission may go while the ceiling is unknown: a
          // refusal of the account (402) then stops it before it is sent.
          result.completeExceptionally(cause);
          sending.decrementAndGet();
          wakeOne();
        }
      });
    }

    /** Takes a slot, and counts the submission as being sent, when it may go now. */
    boolean take() {
      synchronized (SubmissionGate.this) {
        int known = ceiling.get();
        // A probe only for a submission that itself waited that long: a quiet spell before it asked proves nothing.
        Instant quietSince = lastFreed.isAfter(start) ? lastFreed : start;
        boolean probe = known > 0 && Duration.between(quietSince, clock.instant()).compareTo(PROBE_AFTER) >= 0;
        boolean free = known == 0 ? sending.get() == 0 && slots.tryTake(key, Integer.MAX_VALUE)
            : slots.tryTake(key, known) || probe && slots.tryTake(key, Integer.MAX_VALUE);
        if (free && probe) {
          lastFreed = clock.instant(); // one probe per quiet period
        }
        if (free) {
          sending.incrementAndGet();
        }
        return free;
      }
    }

    void learn(RateLimitException limited) {
      int learned = limited.actionLimit().orElse(Math.max(1, slots.taken()));
      if (ceiling.getAndSet(learned) != learned) {
        LOG.info("The team runs at most {} generations at once; further submissions wait for a slot", learned);
      }
    }

    void waitForSlot(@Nullable Duration hint) {
      Duration waited = Duration.between(start, clock.instant());
      if (maxWait.isZero() && refusal != null) {
        result.completeExceptionally(refusal); // waiting was not wanted: the service's answer as it came
        return;
      }
      if (waited.compareTo(maxWait) >= 0) {
        result.completeExceptionally(new NoFreeSlotException(ceiling.get(), waited, refusal));
        return;
      }
      if (result.isDone()) {
        return;
      }
      AtomicBoolean woken = new AtomicBoolean();
      Runnable wake = () -> {
        if (woken.compareAndSet(false, true)) {
          tryNow();
        }
      };
      waiting.add(wake);
      Duration delay = hint != null && hint.compareTo(recheck) > 0 ? hint : recheck;
      Duration left = maxWait.minus(waited);
      recheck = SLOT_RECHECK.after(recheck);
      sleeper.sleep(delay.compareTo(left) < 0 ? delay : left).whenComplete((ignored, error) -> {
        waiting.remove(wake);
        wake.run();
      });
    }
  }
}
