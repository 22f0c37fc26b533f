/**
 * Shared state for every process of a Scenario project, kept in PostgreSQL: one request budget, one set of
 * generation slots, and a batch ledger whose lines live workers own and dead workers lose. Start with
 * {@link dev.ltx4j.postgres.PostgresStore}. Parameters and return values are never null unless a method says so.
 */
@NullMarked
package dev.ltx4j.postgres;

import org.jspecify.annotations.NullMarked;
