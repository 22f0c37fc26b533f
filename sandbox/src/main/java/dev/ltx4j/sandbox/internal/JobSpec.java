package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fixed facts of a job: what it was asked, what it costs, what it makes, and how it fails if it is to fail.
 *
 * @param pinnedStatus the status a seeded job stays in (a scheduled job's timeline ignores it)
 * @param pinnedProgress the progress a seeded job shows
 */
public record JobSpec(String id, String jobType, Instant createdAt, Map<String, Object> input, double cuCost,
    List<String> assetIds, String error, String hint, JobState pinnedStatus, double pinnedProgress) {}
