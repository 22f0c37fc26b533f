package dev.ltx4j.internal.limits;

import dev.ltx4j.RequestBudget;
import dev.ltx4j.Sleeper;
import dev.ltx4j.internal.observe.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a client's requests their permits from the {@link RequestBudget}: by {@link Priority}, then first come,
 * first served, with no thread blocked while they wait (one timer at most, set for when the budget says a permit
 * may be free). A rate-limit 429 holds every permit until the server's hint has passed, so that one refusal does
 * not become many.
 */
public final class PermitQueue {
  private static final Logger LOG = LoggerFactory.getLogger(PermitQueue.class);
  private record Waiter(Priority priority, long order, Instant deadline, CompletableFuture<Void> granted) {
    boolean expired(Instant now) {
      return deadline != null && !now.isBefore(deadline);
    }
  }

  private static final Comparator<Waiter> ORDER =
      Comparator.comparing(Waiter::priority).thenComparingLong(Waiter::order);

  private final RequestBudget budget;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(ORDER);
  private long next;
  private boolean timerSet;
  private boolean draining;
  private boolean drainAgain;
  private Instant heldUntil = Instant.MIN;
  private long granted;
  private Duration waited = Duration.ZERO;
  private volatile Events events = Events.NONE;

  public PermitQueue(RequestBudget budget, Clock clock, Sleeper sleeper) {
    this.budget = budget;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Completes when a request of {@code priority} may be sent, or at {@code deadline} (null: none) without a permit,
   * for the caller to find its deadline passed. Canceling the future gives up the place in the queue.
   */
  public CompletableFuture<Void> acquire(Priority priority, Instant deadline) {
    if (priority == Priority.UNMETERED) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    Instant since = clock.instant();
    future.thenRun(() -> addWait(Duration.between(since, clock.instant())));
    future.thenRun(() -> events.budgetWaited(Duration.between(since, clock.instant())));
    synchronized (this) {
      waiting.add(new Waiter(priority, next++, deadline, future));
    }
    drain();
    return future;
  }

  /** No permit is handed out before {@code until}: the server said the project's rate is used up until then. */
  public synchronized void holdUntil(Instant until) {
    if (until.isAfter(heldUntil)) {
      heldUntil = until;
    }
  }

  /** Tells {@code events} how long each permit was waited for. */
  public void observe(Events events) {
    this.events = events;
  }

  /** Permits handed out so far. */
  public synchronized long granted() {
    return granted;
  }

  /** Time requests spent waiting for their permits, summed. */
  public synchronized Duration waited() {
    return waited;
  }

  private synchronized void addWait(Duration wait) {
    waited = waited.plus(wait);
  }

  /**
   * Hands out the permits the budget has. One thread drains at a time, and it asks the budget with no lock held: a
   * shared budget answers over a network, and a slow answer must not hold every caller that queues meanwhile. A
   * caller that comes while another drains leaves it a note to go round once more.
   */
  private void drain() {
    synchronized (this) {
      if (draining) {
        drainAgain = true;
        return;
      }
      draining = true;
    }
    List<Waiter> ready = new ArrayList<>();
    Duration retryIn;
    while (true) {
      retryIn = grantWhileFree(ready);
      synchronized (this) {
        if (retryIn == null && drainAgain) {
          drainAgain = false;
          continue;
        }
        draining = false;
        drainAgain = false;
        if (retryIn != null && timerSet) {
          retryIn = null; // a timer is already set; it drains again when it fires
        } else if (retryIn != null) {
          timerSet = true;
          Instant now = clock.instant();
          for (Waiter waiter : waiting) {
            // Wake no later than the first waiter's deadline, so that it ends then.
            if (waiter.deadline() != null && Duration.between(now, waiter.deadline()).compareTo(retryIn) < 0) {
              retryIn = Duration.between(now, waiter.deadline());
            }
          }
        }
        break;
      }
    }
    for (Waiter waiter : ready) {
      waiter.granted().complete(null);
    }
    if (retryIn != null) {
      // Never below a millisecond, so that a budget that keeps answering "almost now" cannot spin.
      Duration delay = retryIn.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : retryIn;
      sleeper.sleep(delay).whenComplete((ignored, error) -> {
        synchronized (this) {
          timerSet = false;
        }
        drain();
      });
    }
  }

  /**
   * Grants permits in order while the budget has them, adding each waiter granted (or expired) to {@code ready};
   * returns how long until the budget may have the next, or null when nobody waits.
   */
  private @Nullable Duration grantWhileFree(List<Waiter> ready) {
    while (true) {
      Instant now;
      synchronized (this) {
        Instant start = clock.instant();
        waiting.removeIf(waiter -> waiter.expired(start) && ready.add(waiter));
        while (!waiting.isEmpty() && waiting.peek().granted().isDone()) {
          waiting.poll(); // canceled or timed out: its place goes to the next
        }
        if (waiting.isEmpty()) {
          return null;
        }
        now = clock.instant();
        if (now.isBefore(heldUntil)) {
          return Duration.between(now, heldUntil);
        }
      }
      Duration wait;
      try {
        wait = budget.tryTake(now);
      } catch (RuntimeException e) {
        // A shared budget's store may be down for a while: ask again soon; each caller's deadline still holds.
        LOG.warn("The request budget failed to answer ({}); asking again in 1 s", e.toString());
        wait = Duration.ofSeconds(1);
      }
      if (!wait.isZero() && !wait.isNegative()) {
        return wait;
      }
      synchronized (this) {
        Waiter next = waiting.poll();
        while (next != null && next.granted().isDone()) {
          next = waiting.poll(); // ended while the budget was asked: the permit goes to the next in line
        }
        if (next != null) {
          ready.add(next);
          granted++;
        }
      }
    }
  }
}
