package dev.ltx4j.internal;

import dev.ltx4j.model.JobStatus;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a job status as the service, its guides and its own clients spell it. The documented values map to
 * themselves; the other spellings seen in public Scenario material map deliberately (Scenario's own code treats
 * {@code cancelled}, {@code failed} and {@code error} as final); anything else is unknown, which means still running.
 */
public final class JobStatuses {
  private static final Map<String, JobStatus> SPELLINGS = Map.of(
      "failed", JobStatus.FAILURE,
      "error", JobStatus.FAILURE,
      "cancelled", JobStatus.CANCELED,
      "succeeded", JobStatus.SUCCESS,
      "completed", JobStatus.SUCCESS,
      "processing", JobStatus.IN_PROGRESS);

  private JobStatuses() {}

  /** The status {@code text} means; {@link JobStatus#UNKNOWN} for null or an unknown value. */
  public static JobStatus parse(@Nullable String text) {
    if (text == null) {
      return JobStatus.UNKNOWN;
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    for (JobStatus status : JobStatus.values()) {
      if (status != JobStatus.UNKNOWN && status.value().equals(value)) {
        return status;
      }
    }
    return SPELLINGS.getOrDefault(value, JobStatus.UNKNOWN);
  }
}
