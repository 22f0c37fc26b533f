package dev.ltx4j.sandbox.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fixed facts of a job: what it was asked, what it costs, what it makes, and how it fails if it does.
 *
 * @param error the error it shows once failed; null for a job that is to succeed
 * @param hint the hint beside the error
 */
public record JobSpec(String id, String jobType, Instant createdAt, Map<String, Object> input, double cuCost,
    List<String> assetIds, @Nullable String error, @Nullable String hint) {}
