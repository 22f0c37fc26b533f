package dev.ltx4j.sandbox;

import com.squareup.moshi.JsonAdapter;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.Upload;
import dev.ltx4j.model.UploadCreateRequest;
import dev.ltx4j.model.UploadPart;
import dev.ltx4j.model.UploadResponse;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.UploadRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;

/**
 * Multipart uploads: {@code POST /v1/uploads} hands out presigned part URLs
 * ({@code <cdn>/upload-parts/<upload id>/<n>?…}) on the CDN listener, parts are PUT there, {@code POST /v1/uploads/{id}/action} completes, and {@code GET /v1/uploads/{id}} shows the outcome.
 */
final class UploadsApi {
  static final long MIN_PART_BYTES = 5L * 1024 * 1024;
  static final Duration PART_URL_LIFETIME = Duration.ofHours(1);
  private static final Duration VALIDATION = Duration.ofMillis(300);
  private static final JsonAdapter<UploadCreateRequest> CREATE = Json.moshi().adapter(UploadCreateRequest.class);
  private final State state;

  UploadsApi(State state) {
    this.state = state;
  }

  MockResponse create(String body) {
    UploadCreateRequest request;
    try {
      request = CREATE.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return Responses.reason(400, "Invalid JSON body: " + e.getMessage());
    }
    Upload upload = Upload.builder().id(state.ids.next("upload")).fileName(request.fileName())
        .contentType(request.contentType()).fileSize(request.fileSize()).kind(request.kind().value()).build();
    UploadRecord record = new UploadRecord(upload, request.parts());
    state.uploads.put(record.id(), record);
    return answer(record);
  }

  MockResponse get(String uploadId) {
    UploadRecord record = state.uploads.get(uploadId);
    return record == null ? Responses.reason(404, "Upload not found") : answer(record);
  }

  MockResponse complete(String uploadId) {
    UploadRecord record = state.uploads.get(uploadId);
    if (record == null) {
      return Responses.reason(404, "Upload not found");
    }
    if (record.completed()) {
      return Responses.reason(400, "Upload " + uploadId + " is already complete");
    }
    String error = problem(record);
    String assetId = error == null ? state.ids.next("asset") : null;
    if (assetId != null) {
      assemble(record, assetId);
    }
    record.complete(state.now(), state.scaled(VALIDATION), assetId, error);
    return answer(record);
  }

  /** Stores a part PUT to its presigned URL; called by the CDN listener. */
  static void storePart(State state, UploadRecord record, int number, okio.ByteString bytes) throws IOException {
    Path dir = Files.createDirectories(state.dataDir.resolve("uploads").resolve(record.id()));
    Path part = dir.resolve(Integer.toString(number));
    try (OutputStream out = Files.newOutputStream(part)) {
      bytes.write(out);
    }
    record.parts().put(number, part);
  }

  private String problem(UploadRecord record) {
    Upload upload = record.request();
    if (!upload.contentType().startsWith("image/")) {
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
    return total == upload.fileSize() ? null
        : "Received " + total + " bytes, but fileSize said " + upload.fileSize() + ".";
  }

  private void assemble(UploadRecord record, String assetId) {
    Upload upload = record.request();
    String extension = upload.contentType().substring(6).replace("jpeg", "jpg").replaceAll("[^a-z0-9]", "");
    try {
      Path file = Files.createDirectories(state.dataDir.resolve("assets")).resolve(assetId + "." + extension);
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int number = 1; number <= record.partCount(); number++) {
          Files.copy(record.parts().get(number), out);
        }
      }
      Images.stored(state, assetId, upload.contentType(), upload.fileName(), file, extension);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(UploadRecord record) {
    Instant expires = state.now().plus(PART_URL_LIFETIME);
    List<UploadPart> parts = new ArrayList<>();
    for (int number = 1; number <= record.partCount(); number++) {
      parts.add(UploadPart.builder().number(number)
          .url(state.signer.sign(state.cdnBase, "/upload-parts/" + record.id() + "/" + number, expires).toString())
          .expires(expires.atOffset(ZoneOffset.UTC)).build());
    }
    Upload view = record.view(state.now(), parts);
    return Responses.json(200, UploadResponse.builder().upload(view).build());
  }
}
