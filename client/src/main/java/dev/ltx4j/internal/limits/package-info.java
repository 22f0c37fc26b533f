/** Nullness: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.ltx4j.internal.limits;

import org.jspecify.annotations.NullMarked;
