package dev.ltx4j.sandbox.internal;

import dev.ltx4j.model.Upload;
import dev.ltx4j.model.UploadPart;
import dev.ltx4j.model.UploadStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A multipart upload: {@code pending} while parts arrive; after {@code complete}, {@code validating} for a moment,
 * then {@code imported} with the new asset as {@code entityId}, or {@code failed} with {@code errorMessage}.
 */
public final class UploadRecord {
  private final Upload request;
  private final int partCount;
  private final Map<Integer, Path> parts = new ConcurrentHashMap<>();
  private volatile Instant completedAt;
  private volatile Duration validation = Duration.ZERO;
  private volatile String entityId;
  private volatile String errorMessage;
  private volatile boolean seeded;

  /**
   * @param request the upload as created: id and file facts
   * @param partCount how many parts will be PUT
   */
  public UploadRecord(Upload request, int partCount) {
    this.request = request;
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
    return request.id();
  }

  public Upload request() {
    return request;
  }

  public Map<Integer, Path> parts() {
    return parts;
  }

  public boolean completed() {
    return completedAt != null;
  }

  /** Marks the upload complete: after {@code validation} it shows {@code entityId} or {@code errorMessage}. */
  public void complete(Instant now, Duration validation, String entityId, String errorMessage) {
    this.validation = validation;
    this.entityId = entityId;
    this.errorMessage = errorMessage;
    this.completedAt = now;
  }

  /** The upload as the API shows it at {@code now}; {@code partUrls} only while it is pending. */
  public Upload view(Instant now, List<UploadPart> partUrls) {
    Upload.Builder view = request.toBuilder().parts(null);
    Instant completed = completedAt;
    if (completed == null) {
      return view.status(UploadStatus.PENDING).parts(partUrls).build();
    }
    if (now.isBefore(completed.plus(validation))) {
      return view.status(UploadStatus.VALIDATING).build();
    }
    return errorMessage != null
        ? view.status(UploadStatus.FAILED).errorMessage(errorMessage).build()
        : view.status(UploadStatus.IMPORTED).entityId(entityId).build();
  }
}
