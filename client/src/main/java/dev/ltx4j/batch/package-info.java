/**
 * Batches of generations that survive their workers: one line protocol ({@link dev.ltx4j.batch.BatchWorker}) over a
 * store of lines ({@link dev.ltx4j.batch.BatchStore}): a journal in a folder for one machine
 * ({@link dev.ltx4j.batch.JournalStore}), or PostgreSQL for many ({@code ltx4j-postgres}).
 */
@NullMarked
package dev.ltx4j.batch;

import org.jspecify.annotations.NullMarked;
