/**
 * Running one API call: what kind of call it is, when it is retried ({@link dev.ltx4j.internal.call.RetryPolicy},
 * the only retry rules in the client) and which typed exception an error answer becomes.
 */
@NullMarked
package dev.ltx4j.internal.call;

import org.jspecify.annotations.NullMarked;
