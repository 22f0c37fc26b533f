/**
 * Not API: the Retrofit interfaces generated from {@code openapi/}, one per tag; only the client calls them.
 */
@NullMarked
package dev.ltx4j.internal.api;

import org.jspecify.annotations.NullMarked;
