package dev.ltx4j.postgres;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Database round trips a store made, by purpose: each statement the budget, the slots or the ledger sends is one
 * (pooled connections' own validation queries are not counted). Thread-safe.
 */
public final class RoundTrips {
  private final AtomicLong budget = new AtomicLong();
  private final AtomicLong slots = new AtomicLong();
  private final AtomicLong ledger = new AtomicLong();

  RoundTrips() {}

  /** Permit requests to the shared request budget, granted or not. */
  public long budget() {
    return budget.get();
  }

  /** Calls to the shared generation slots: takes, binds, releases and counts. */
  public long slots() {
    return slots.get();
  }

  /** Ledger statements: claims, state changes, heartbeats, locks and reads. */
  public long ledger() {
    return ledger.get();
  }

  void budgetCall() {
    budget.incrementAndGet();
  }

  void slotCall() {
    slots.incrementAndGet();
  }

  void ledgerCall() {
    ledger.incrementAndGet();
  }

  @Override
  public String toString() {
    return "budget=" + budget() + " slots=" + slots() + " ledger=" + ledger();
  }
}
