/**
 * The ltx4j client: {@link dev.ltx4j.LtxClient} and its builder, the requests and answers callers handle, and the
 * exceptions they catch. Everything a user touches lives here; the rest of the client is in {@code internal}.
 */
package dev.ltx4j;
