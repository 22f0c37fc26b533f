/**
 * The ltx4j client: {@link dev.ltx4j.LtxClient} and its builder, the requests and answers callers handle, and the
 * exceptions they catch. Everything a user touches lives here; the rest of the client is in {@code internal}.
 */
@NullMarked
package dev.ltx4j;

import org.jspecify.annotations.NullMarked;
