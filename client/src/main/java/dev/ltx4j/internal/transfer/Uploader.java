package dev.ltx4j.internal.transfer;

import static dev.ltx4j.internal.call.RetryPolicy.UPLOAD_ASSET_POLL;

import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.TransferListener;
import dev.ltx4j.UploadFailedException;
import dev.ltx4j.internal.Answers;
import dev.ltx4j.internal.call.CallRunner;
import dev.ltx4j.internal.call.CallSpec;
import dev.ltx4j.internal.http.HttpStack;
import dev.ltx4j.internal.limits.Priority;
import dev.ltx4j.model.Asset;
import dev.ltx4j.model.AssetUploadRequest;
import dev.ltx4j.model.Upload;
import dev.ltx4j.model.UploadActionRequest;
import dev.ltx4j.model.UploadCreateRequest;
import dev.ltx4j.model.UploadPart;
import dev.ltx4j.model.UploadResponse;
import dev.ltx4j.model.UploadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Uploads an image and answers its asset id: under 6 MB as a data URL in one request; larger through the multipart
 * flow (create, PUT each part to its presigned URL, complete, poll until the asset exists). Each part is read again
 * from its source on every attempt.
 */
public final class Uploader {
  /** Images smaller than this go in one request. */
  public static final long DIRECT_LIMIT = 6_000_000;
  /** The size of every multipart part but the last (at least the 5 MB the service needs). */
  public static final int PART_SIZE = 8 * 1024 * 1024;
  private static final MediaType OCTETS = MediaType.get("application/octet-stream");

  private final HttpStack stack;
  private final CallRunner runner;
  private final Sleeper sleeper;
  private final Supplier<Instant> deadline;
  private final @Nullable String projectId;

  public Uploader(HttpStack stack, CallRunner runner, Sleeper sleeper, Supplier<Instant> deadline,
      @Nullable String projectId) {
    this.stack = stack;
    this.runner = runner;
    this.sleeper = sleeper;
    this.deadline = deadline;
    this.projectId = projectId;
  }

  public CompletableFuture<String> upload(ImageSource image, TransferListener listener) {
    listener.onProgress(0, image.size());
    CompletableFuture<String> assetId = image.size() < DIRECT_LIMIT ? direct(image) : multipart(image, listener);
    return assetId.thenApply(id -> {
      listener.onProgress(image.size(), image.size());
      return id;
    });
  }

  private CompletableFuture<String> direct(ImageSource image) {
    byte[] bytes = unchecked(() -> image.read(0, (int) image.size()));
    String dataUrl = "data:" + image.type().mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    AssetUploadRequest body = AssetUploadRequest.builder().image(dataUrl).name(image.name()).build();
    return runner.run(CallSpec.creatingWrite(() -> stack.assets().uploadAsset(body, projectId), deadline.get()))
        .thenApply(response -> {
          Asset asset = Answers.required(Answers.required(response.body(), "POST /assets", "a body").asset(),
              "POST /assets", "asset");
          return Answers.required(asset.id(), "POST /assets", "asset.id");
        });
  }

  private CompletableFuture<String> multipart(ImageSource image, TransferListener listener) {
    int parts = (int) ((image.size() + PART_SIZE - 1) / PART_SIZE);
    UploadCreateRequest create = UploadCreateRequest.builder().fileName(image.name())
        .contentType(image.type().mimeType()).fileSize(image.size()).kind(UploadCreateRequest.KindEnum.IMAGE)
        .parts(parts).build();
    return runner.run(CallSpec.creatingWrite(() -> stack.uploads().createUpload(create, projectId), deadline.get()))
        .thenCompose(response -> {
          Upload upload = upload(response, "POST /uploads");
          List<UploadPart> urls = upload.parts();
          if (urls == null || urls.size() != parts) {
            throw new Ltx4jException("upload " + upload.id() + " answered " + (urls == null ? 0 : urls.size())
                + " part URLs for " + parts + " parts");
          }
          // Checked before any part is sent: an upload that cannot be completed is not worth the bytes.
          String uploadId = Answers.required(upload.id(), "POST /uploads", "upload.id");
          List<String> partUrls = new ArrayList<>(parts);
          for (int i = 0; i < parts; i++) {
            partUrls.add(Answers.required(urls.get(i).url(), "POST /uploads", "upload.parts[" + i + "].url"));
          }
          CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
          for (int i = 0; i < parts; i++) {
            int index = i;
            sent = sent.thenCompose(ignored -> putPart(image, index, partUrls.get(index), listener));
          }
          return sent.thenCompose(ignored -> complete(uploadId));
        });
  }

  private CompletableFuture<Void> putPart(ImageSource image, int index, String url, TransferListener listener) {
    long offset = (long) index * PART_SIZE;
    int length = (int) Math.min(PART_SIZE, image.size() - offset);
    return runner.run(CallSpec.idempotentWrite(
            () -> stack.transfers().putPart(url, RequestBody.create(unchecked(() -> image.read(offset, length)), OCTETS)),
            deadline.get()).at(Priority.UNMETERED))
        .thenRun(() -> listener.onProgress(offset + length, image.size()));
  }

  private CompletableFuture<String> complete(String uploadId) {
    UploadActionRequest complete = UploadActionRequest.builder().action(UploadActionRequest.ActionEnum.COMPLETE).build();
    return runner.run(CallSpec.idempotentWrite(() -> stack.uploads().actOnUpload(uploadId, complete, projectId), deadline.get()))
        .thenCompose(response -> awaitAsset(uploadId, upload(response, "POST /uploads/" + uploadId + "/action"),
            UPLOAD_ASSET_POLL.first(), deadline.get()));
  }

  /** Waits until the upload names its asset; {@code uploadId} is the one the client asked about. */
  private CompletableFuture<String> awaitAsset(String uploadId, Upload upload, Duration delay, Instant until) {
    if (upload.entityId() != null) {
      return CompletableFuture.completedFuture(upload.entityId());
    }
    if (upload.status() == UploadStatus.FAILED) {
      throw new UploadFailedException(uploadId, upload.errorMessage() == null ? "no reason given" : upload.errorMessage());
    }
    if (runner.clock().instant().plus(delay).isAfter(until)) {
      throw new UploadFailedException(uploadId, "no asset after waiting until " + until + " (status "
          + upload.status() + ")");
    }
    Duration next = UPLOAD_ASSET_POLL.after(delay);
    return sleeper.sleep(delay)
        .thenCompose(ignored -> runner.run(CallSpec.read(() -> stack.uploads().getUpload(uploadId, projectId), until)))
        .thenCompose(response -> awaitAsset(uploadId, upload(response, "GET /uploads/" + uploadId), next, until));
  }

  private static Upload upload(Response<UploadResponse> response, String operation) {
    return Answers.required(Answers.required(response.body(), operation, "a body").upload(), operation, "upload");
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T unchecked(IoSupplier<T> read) {
    try {
      return read.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
