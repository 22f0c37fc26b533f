/** Handwritten internals: the client's side of {@link dev.ltx4j.LtxObserver}. Not API. */
package dev.ltx4j.internal.observe;
