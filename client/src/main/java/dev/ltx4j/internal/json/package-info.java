/**
 * The one Moshi the client (and the sandbox) decodes with: tolerant of unknown enum values and of timestamps with or
 * without milliseconds.
 */
@NullMarked
package dev.ltx4j.internal.json;

import org.jspecify.annotations.NullMarked;
