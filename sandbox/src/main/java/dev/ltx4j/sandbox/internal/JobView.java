package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job at one moment, before it is written in a {@link Dialect}.
 *
 * @param spec the job's fixed facts
 * @param progress 0 to 1, three decimals
 * @param history every status entered, oldest first; the last one is the current status
 */
public record JobView(JobSpec spec, double progress, List<Change> history) {
  /** One status entered, and when. */
  public record Change(JobState status, java.time.Instant at) {}

  public JobView {
    history = List.copyOf(history);
  }

  /** The current status. */
  public JobState status() {
    return history.get(history.size() - 1).status();
  }

  /** The job as the API writes it, in {@code dialect}. */
  public Map<String, Object> toJson(Dialect dialect) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put(dialect.jobIdField(), spec.id());
    job.put("jobType", spec.jobType());
    job.put("status", dialect.status(status()));
    job.put("progress", dialect.progress(progress));
    job.put("createdAt", dialect.timestamp(spec.createdAt()));
    job.put("updatedAt", dialect.timestamp(history.get(history.size() - 1).at()));
    job.put("statusHistory", history.stream()
        .map(change -> Json.object("status", dialect.status(change.status()), "date", dialect.timestamp(change.at())))
        .toList());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("input", spec.input());
    if (status() == JobState.SUCCESS) {
      dialect.putAssets(metadata, spec.assetIds());
    } else if (status() == JobState.FAILURE) {
      metadata.put("error", spec.error());
      metadata.put("hint", spec.hint());
    }
    job.put("metadata", metadata);
    job.put("billing", Json.object("cuCost", spec.cuCost(), "cuDiscount", 0.0, "disableRefund", false));
    job.put("ownerId", "team_sandbox");
    job.put("authorId", "user_sandbox");
    return job;
  }
}
