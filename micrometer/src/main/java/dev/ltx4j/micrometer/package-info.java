/** Nullness: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.ltx4j.micrometer;

import org.jspecify.annotations.NullMarked;
