package dev.ltx4j.sandbox.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A multipart upload: {@code pending} while parts arrive; after {@code complete}, {@code validating} for a moment,
 * then {@code imported} with the new asset as {@code entityId}, or {@code failed} with {@code errorMessage}.
 */
public final class UploadRecord {
  /** The file an upload was started for. */
  public record FileFacts(String fileName, String contentType, long fileSize, String kind) {}

  private final String id;
  private final FileFacts file;
  private final int partCount;
  private final Map<Integer, Path> parts = new ConcurrentHashMap<>();
  private volatile @Nullable Instant completedAt;
  private volatile Duration validation = Duration.ZERO;
  private volatile @Nullable String entityId;
  private volatile @Nullable String errorMessage;
  private volatile boolean seeded;

  /**
   * @param id the upload id
   * @param file the file's facts as the upload was created
   * @param partCount how many parts will be PUT
   */
  public UploadRecord(String id, FileFacts file, int partCount) {
    this.id = id;
    this.file = file;
    this.partCount = partCount;
  }

  /** Marks this upload as set up by seeding: its part URLs are accepted whatever their signature. */
  public UploadRecord seeded(boolean seeded) {
    this.seeded = seeded;
    return this;
  }

  public boolean seeded() {
    return seeded;
  }

  public int partCount() {
    return partCount;
  }

  public String id() {
    return id;
  }

  public FileFacts file() {
    return file;
  }

  public Map<Integer, Path> parts() {
    return parts;
  }

  public boolean completed() {
    return completedAt != null;
  }

  /** Marks the upload complete: after {@code validation} it shows {@code entityId} or {@code errorMessage}. */
  public void complete(Instant now, Duration validation, @Nullable String entityId, @Nullable String errorMessage) {
    this.validation = validation;
    this.entityId = entityId;
    this.errorMessage = errorMessage;
    this.completedAt = now;
  }

  /** The upload as the API writes it at {@code now}; {@code partUrls} are shown only while it is pending. */
  public Map<String, Object> toJson(Instant now, List<Map<String, Object>> partUrls) {
    Instant completed = completedAt;
    String status = completed == null ? "pending" : now.isBefore(completed.plus(validation)) ? "validating"
        : errorMessage != null ? "failed" : "imported";
    return Json.object("id", id, "status", status, "fileName", file.fileName(), "contentType", file.contentType(),
        "fileSize", file.fileSize(), "kind", file.kind(), "parts", status.equals("pending") ? partUrls : null,
        "entityId", status.equals("imported") ? entityId : null,
        "errorMessage", status.equals("failed") ? errorMessage : null);
  }
}
