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
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> byKind =
      new java.util.concurrent.ConcurrentHashMap<>();

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

  /** A batch store's statement of this kind (its first words), counted by kind too. */
  void ledgerCall(String kind) {
    ledger.incrementAndGet();
    byKind.computeIfAbsent(kind, k -> new java.util.concurrent.atomic.LongAdder()).increment();
  }

  /** The batch stores' statements by kind (the statement's first words), for a benchmark's breakdown. */
  public java.util.Map<String, Long> byKind() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
    return counts;
  }

  @Override
  public String toString() {
    return "budget=" + budget() + " slots=" + slots() + " ledger=" + ledger();
  }
}
