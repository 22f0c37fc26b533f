/**
 * The client's operations behind the public facade: what each one sends, how it is retried and what its answer
 * means, with paging, lost-submission search, quote decoding and the one place a caller's thread blocks.
 */
@NullMarked
package dev.ltx4j.internal.ops;

import org.jspecify.annotations.NullMarked;
