package dev.ltx4j.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job to put into the sandbox as it is, for tests and provider states: it stays in its status. Defaults: type
 * {@code custom}, created now, input {@code {prompt: "A fantasy landscape", modelId: model_ltx-2-3-fast}}, progress
 * 1 for success, 0.42 for in-progress, else 0; a failed job gets an error and a hint.
 */
public final class SeedJob {
  final String id;
  final JobState status;
  String jobType = "custom";
  @Nullable Instant createdAt;
  @Nullable Double progress;
  List<String> assetIds = List.of();
  String error = "The generation failed (seeded).";
  String hint = "Retry the generation; if it keeps failing, change the prompt.";
  Map<String, Object> input = new LinkedHashMap<>(Map.of("prompt", "A fantasy landscape",
      "modelId", Model.ID));

  private SeedJob(String id, JobState status) {
    this.id = Objects.requireNonNull(id, "id == null");
    this.status = Objects.requireNonNull(status, "status == null");
  }

  /** A job with this id, pinned to this status. */
  public static SeedJob of(String id, JobState status) {
    return new SeedJob(id, status);
  }

  /** The assets a successful job lists; missing ones are created as default videos. */
  public SeedJob assetIds(String... assetIds) {
    this.assetIds = List.of(assetIds);
    return this;
  }

  /** The job type, e.g. {@code upload}; only non-{@code custom} jobs can be canceled. */
  public SeedJob jobType(String jobType) {
    this.jobType = Objects.requireNonNull(jobType, "jobType == null");
    return this;
  }

  /** When the job was created; it decides the job's place in lists (newest first). */
  public SeedJob createdAt(Instant createdAt) {
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt == null");
    return this;
  }

  /** The progress shown, 0 to 1. */
  public SeedJob progress(double progress) {
    this.progress = progress;
    return this;
  }

  /** The error and hint of a failed job. */
  public SeedJob failure(String error, String hint) {
    this.error = Objects.requireNonNull(error, "error == null");
    this.hint = Objects.requireNonNull(hint, "hint == null");
    return this;
  }

  /** The echoed input ({@code metadata.input}). */
  public SeedJob input(Map<String, Object> input) {
    this.input = new LinkedHashMap<>(input);
    return this;
  }
}
