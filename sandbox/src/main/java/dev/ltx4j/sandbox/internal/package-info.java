/**
 * The sandbox's machinery: job and asset stores, schedules, the video renderer and its disk cache, URL signing, JSON
 * and the spec checks. Public only for the sandbox's own package; not an API.
 */
@NullMarked
package dev.ltx4j.sandbox.internal;

import org.jspecify.annotations.NullMarked;
