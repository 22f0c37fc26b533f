/**
 * Waiting for jobs: when to poll next, the poll budget all waits of a client share, and the wait itself, which
 * reads and cancels jobs through {@link dev.ltx4j.internal.poll.JobSource} only.
 */
@NullMarked
package dev.ltx4j.internal.poll;

import org.jspecify.annotations.NullMarked;
