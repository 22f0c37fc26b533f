/** Handwritten internals: the client's side of {@link dev.ltx4j.LtxObserver}. Not API. */
@NullMarked
package dev.ltx4j.internal.observe;

import org.jspecify.annotations.NullMarked;
