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

  private void drain() {
    List<Waiter> ready = new ArrayList<>();
    Duration retryIn = null;
    synchronized (this) {
      Instant start = clock.instant();
      waiting.removeIf(waiter -> waiter.expired(start) && ready.add(waiter));
      while (!waiting.isEmpty()) {
        Waiter head = waiting.peek();
        if (head.granted().isDone()) {
          waiting.poll(); // canceled or timed out: its place goes to the next
          continue;
        }
        Instant now = clock.instant();
        if (now.isBefore(heldUntil)) {
          retryIn = Duration.between(now, heldUntil);
          break;
        }
        Duration wait;
        try {
          wait = budget.tryTake(now);
        } catch (RuntimeException e) {
          // A shared budget's store may be down for a while: ask again soon; each caller's deadline still holds.
          LOG.warn("The request budget failed to answer ({}); asking again in 1 s", e.toString());
          wait = Duration.ofSeconds(1);
        }
        if (wait.isZero() || wait.isNegative()) {
          ready.add(waiting.poll());
          granted++;
        } else {
          retryIn = wait;
          break;
        }
      }
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
}
