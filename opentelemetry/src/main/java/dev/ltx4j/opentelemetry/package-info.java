/** Nullness: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.ltx4j.opentelemetry;

import org.jspecify.annotations.NullMarked;
