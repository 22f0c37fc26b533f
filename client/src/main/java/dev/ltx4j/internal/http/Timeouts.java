package dev.ltx4j.internal.http;

import java.time.Duration;

/** Per-attempt timeouts; a null one keeps the OkHttp client's own. */
public record Timeouts(Duration connect, Duration read, Duration call) {}
