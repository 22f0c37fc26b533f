package dev.ltx4j;

import dev.ltx4j.internal.Ids;
import dev.ltx4j.internal.call.Dispatch;
import dev.ltx4j.internal.observe.Events;
import dev.ltx4j.internal.ops.AssetReads;
import dev.ltx4j.internal.ops.Futures;
import dev.ltx4j.internal.transfer.Downloader;
import dev.ltx4j.internal.transfer.ImageSource;
import dev.ltx4j.internal.transfer.Uploader;
import dev.ltx4j.model.Asset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Assets: read them, upload start/end frame images, and download generated videos safely. Get it from
 * {@link LtxClient#assets()}. Downloads go to signed CDN URLs without the API's credentials.
 */
public final class Assets {
  private static final Map<String, String> EXTENSIONS = Map.of(
      "video/mp4", "mp4", "video/webm", "webm", "video/quicktime", "mov", "image/png", "png", "image/jpeg", "jpg",
      "image/webp", "webp", "image/gif", "gif", "audio/mpeg", "mp3", "audio/wav", "wav");

  private final AssetReads reads;
  private final Uploader uploader;
  private final Downloader downloader;
  private final Events events;

  Assets(AssetReads reads, Uploader uploader, Downloader downloader,
      Events events) {
    this.reads = reads;
    this.uploader = uploader;
    this.downloader = downloader;
    this.events = events;
  }

  /** Reads an asset; its {@code url} is a temporary signed link, kept exactly as the service sent it. */
  public Asset get(String assetId) {
    return Futures.join(read(assetId, Dispatch.CALLER_THREAD));
  }

  /** {@link #get(String)} without blocking. */
  public CompletableFuture<Asset> getAsync(String assetId) {
    return read(assetId, Dispatch.ASYNC);
  }

  private CompletableFuture<Asset> read(String assetId, Dispatch dispatch) {
    Ids.check("assetId", assetId);
    return reads.read(assetId, dispatch);
  }

  /**
   * Reads several assets in one request ({@code POST /assets/get-bulk}; more than 200 take one request per 200):
   * the ones found, by id, in the order asked; an id the service does not find is left out. Reads made at once by
   * {@link #get(String)} and downloads are shared like this already: use this when you hold the ids together.
   */
  public Map<String, Asset> getAll(List<String> assetIds) {
    return Futures.join(getAllAsync(assetIds));
  }

  /** {@link #getAll(List)} without blocking. */
  public CompletableFuture<Map<String, Asset>> getAllAsync(List<String> assetIds) {
    List<String> ids = List.copyOf(assetIds);
    ids.forEach(id -> Ids.check("assetId", id));
    return ids.isEmpty() ? CompletableFuture.completedFuture(Map.of()) : reads.readAll(ids);
  }

  /**
   * Uploads an image file and returns its asset id, for {@link LtxRequest.Builder#startImage(String)}. The type is
   * read from the bytes; anything but JPEG, PNG, GIF, WebP, AVIF, TIFF, HEIC or SVG is refused before sending.
   */
  public String uploadImage(Path file, TransferListener listener) {
    return Futures.join(uploadImageAsync(file, listener));
  }

  /** {@link #uploadImage(Path, TransferListener)} with no listener. */
  public String uploadImage(Path file) {
    return uploadImage(file, TransferListener.NONE);
  }

  /** {@link #uploadImage(Path, TransferListener)} without blocking on the network. */
  public CompletableFuture<String> uploadImageAsync(Path file, TransferListener listener) {
    try {
      return uploader.upload(ImageSource.of(file), listener);
    } catch (IOException e) {
      throw new Ltx4jIoException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Uploads an image held in memory; {@code name} is kept with the asset. */
  public String uploadImage(byte[] image, String name) {
    return Futures.join(uploader.upload(ImageSource.of(image, Objects.requireNonNull(name, "name == null")),
        TransferListener.NONE));
  }

  /** Uploads an image read once from {@code in} (held in memory to allow retries). */
  public String uploadImage(InputStream in, String name) {
    try {
      return uploadImage(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new Ltx4jIoException("Could not read the image stream: " + e.getMessage(), e);
    }
  }

  /**
   * Downloads an asset to {@code target}: streamed to a temporary file beside it, resumed after a broken
   * connection, re-signed when the URL expired, length- and checksum-checked, synced and moved into place. The
   * target never holds a partial file; an existing target is refused unless {@link DownloadOptions#overwrite()}.
   *
   * @return the number of bytes written
   */
  public long download(String assetId, Path target, DownloadOptions options) {
    Ids.check("assetId", assetId);
    if (!options.overwrite() && Files.exists(target)) {
      throw new InvalidRequestException("target", "target " + target + " exists; pass overwrite to replace it");
    }
    return events.download(assetId,
        () -> downloader.toFile(url(assetId), () -> url(assetId), target, options.overwrite(), options.listener()));
  }

  /** Downloads an asset into {@code out}, resuming where the server allows; the stream is not closed. */
  public long download(String assetId, OutputStream out, TransferListener listener) {
    Ids.check("assetId", assetId);
    return events.download(assetId, () -> downloader.toStream(url(assetId), () -> url(assetId), out, listener));
  }

  /**
   * Downloads every asset of a finished job into {@code directory} and returns the files in order: the first as
   * {@code <jobId>.<ext>}, further ones as {@code <jobId>-<n>.<ext>} (n from 2), the extension from the media type.
   * The CLI names a job's files by the same rule.
   */
  public List<Path> downloadAll(JobSnapshot job, Path directory, DownloadOptions options) {
    String jobId = Ids.check("jobId", job.id().orElse(null));
    List<Path> files = new ArrayList<>();
    // Several assets are signed by one request; one the bulk answer leaves out is read alone (its 404, if missing).
    Map<String, Asset> read = job.assetIds().size() > 1 ? getAll(job.assetIds()) : Map.of();
    for (String assetId : job.assetIds()) {
      Asset found = read.get(assetId);
      Asset asset = found != null ? found : get(assetId);
      Path target = numberedFile(directory.resolve(jobId + "." + extension(asset.mimeType())), files.size() + 1);
      if (!options.overwrite() && Files.exists(target)) {
        throw new InvalidRequestException("target", "target " + target + " exists; pass overwrite to replace it");
      }
      events.download(assetId,
          () -> downloader.toFile(asset.url(), () -> url(assetId), target, options.overwrite(), options.listener()));
      files.add(target);
    }
    return files;
  }

  static String extension(@Nullable String mimeType) {
    String type = mimeType == null ? "" : mimeType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return EXTENSIONS.getOrDefault(type, "bin");
  }

  private String url(String assetId) {
    String url = get(assetId).url();
    if (url == null || url.isBlank()) {
      throw new Ltx4jException("Asset " + assetId + " has no URL yet");
    }
    return url;
  }

  /**
   * The name of file {@code n} (from 1) of a job whose first file is {@code first}, as {@code downloadAll} names them:
   * the first keeps its name, the n-th gets {@code -n} before its extension ({@code clip.mp4}, {@code clip-2.mp4}, …),
   * so that a job with one video, the usual case, gets exactly the name asked for.
   */
  public static Path numberedFile(Path first, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be 1 or more, was " + n);
    }
    if (n == 1) {
      return first;
    }
    String name = first.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered = dot <= 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
    return first.resolveSibling(numbered);
  }
}
