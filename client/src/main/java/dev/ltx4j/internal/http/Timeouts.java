package dev.ltx4j.internal.http;

import java.time.Duration;

/**
 * Per-attempt socket timeouts; a null one keeps the OkHttp client's own. The time of a whole attempt is set on each
 * API call instead (it must not bound downloads).
 */
public record Timeouts(Duration connect, Duration read) {}
