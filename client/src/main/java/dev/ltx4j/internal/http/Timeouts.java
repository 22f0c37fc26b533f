package dev.ltx4j.internal.http;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Per-attempt socket timeouts; a null one keeps the OkHttp client's own. The time of a whole attempt is set on each
 * API call instead (it must not bound downloads).
 */
public record Timeouts(@Nullable Duration connect, @Nullable Duration read) {}
