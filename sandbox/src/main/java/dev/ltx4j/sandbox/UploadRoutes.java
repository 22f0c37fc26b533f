package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Dialect;
import dev.ltx4j.sandbox.internal.Ids;
import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.UploadRecord;
import dev.ltx4j.sandbox.internal.UploadStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/**
 * Multipart uploads: {@code POST /v1/uploads} hands out presigned part URLs ({@code <cdn>/upload-parts/<upload
 * id>/<n>?…}) on the CDN listener, parts are PUT there, {@code POST /v1/uploads/{id}/action} completes, and
 * {@code GET /v1/uploads/{id}} shows the outcome.
 */
final class UploadRoutes {
  static final long MIN_PART_BYTES = 5L * 1024 * 1024;
  static final Duration PART_URL_LIFETIME = Duration.ofHours(1);
  private static final Duration VALIDATION = Duration.ofMillis(300);
  private final UploadStore uploads;
  private final Images images;
  private final Ids ids;
  private final CdnLinks links;
  private final Timeline timeline;
  private final Dialect dialect;

  UploadRoutes(UploadStore uploads, Images images, Ids ids, CdnLinks links, Timeline timeline, Dialect dialect) {
    this.uploads = uploads;
    this.images = images;
    this.ids = ids;
    this.links = links;
    this.timeline = timeline;
    this.dialect = dialect;
  }

  /** Starts an upload; the body already passed the spec check, so every field is there with its type. */
  MockResponse create(@Nullable String body) {
    Map<String, Object> request;
    try {
      request = Json.readObject(body);
    } catch (IllegalArgumentException e) {
      return Responses.reason(400, e.getMessage());
    }
    UploadRecord.FileFacts file = new UploadRecord.FileFacts(field(request, "fileName", String.class),
        field(request, "contentType", String.class), field(request, "fileSize", Number.class).longValue(),
        field(request, "kind", String.class));
    UploadRecord record = new UploadRecord(ids.next("upload"), file, field(request, "parts", Number.class).intValue());
    uploads.add(record);
    return answer(record);
  }

  MockResponse get(String uploadId) {
    UploadRecord record = uploads.get(uploadId);
    return record == null ? Responses.reason(404, "Upload not found") : answer(record);
  }

  MockResponse complete(String uploadId) {
    UploadRecord record = uploads.get(uploadId);
    if (record == null) {
      return Responses.reason(404, "Upload not found");
    }
    if (record.completed()) {
      return Responses.reason(400, "Upload " + uploadId + " is already complete");
    }
    String error = problem(record);
    String assetId = error == null ? ids.next("asset") : null;
    if (assetId != null) {
      assemble(record, assetId);
    }
    record.complete(timeline.now(), timeline.scaled(VALIDATION), assetId, error);
    return answer(record);
  }

  /** A field the spec requires, so the check let no request without it through. */
  private static <T> T field(Map<String, Object> request, String name, Class<T> type) {
    return type.cast(Objects.requireNonNull(request.get(name), name));
  }

  private @Nullable String problem(UploadRecord record) {
    UploadRecord.FileFacts file = record.file();
    if (!file.contentType().startsWith("image/")) {
      return "The file is not a supported image.";
    }
    long total = 0;
    int count = record.partCount();
    for (int number = 1; number <= count; number++) {
      Path part = record.parts().get(number);
      if (part == null) {
        return "Part " + number + " was never uploaded.";
      }
      long size = part.toFile().length();
      if (number < count && size < MIN_PART_BYTES) {
        return "Part " + number + " is " + size + " bytes; every part but the last needs at least 5 MB.";
      }
      total += size;
    }
    return total == file.fileSize() ? null
        : "Received " + total + " bytes, but fileSize said " + file.fileSize() + ".";
  }

  private void assemble(UploadRecord record, String assetId) {
    UploadRecord.FileFacts file = record.file();
    String extension = file.contentType().substring(6).replace("jpeg", "jpg").replaceAll("[^a-z0-9]", "");
    try {
      Path target = images.file(assetId, extension);
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int number = 1; number <= record.partCount(); number++) {
          Files.copy(record.parts().get(number), out);
        }
      }
      images.stored(assetId, file.contentType(), file.fileName(), target, extension);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(UploadRecord record) {
    Instant expires = timeline.now().plus(PART_URL_LIFETIME);
    List<Map<String, Object>> parts = new ArrayList<>();
    for (int number = 1; number <= record.partCount(); number++) {
      parts.add(Json.object("number", number,
          "url", links.signed("/upload-parts/" + record.id() + "/" + number, expires).toString(),
          "expires", dialect.timestamp(expires)));
    }
    return Responses.json(200, Json.object("upload", record.toJson(timeline.now(), parts)));
  }
}
