package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.JobRecord;
import dev.ltx4j.sandbox.internal.JobSpec;
import dev.ltx4j.sandbox.internal.JobStore;
import dev.ltx4j.sandbox.internal.UploadRecord;
import dev.ltx4j.sandbox.internal.UploadStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Puts seeded jobs and assets into the stores. */
final class Seeding {
  /** Far beyond the slowest render measured (a 20 s, 50 fps video: ~12 s on a busy machine). */
  private static final Duration RENDER_WAIT = Duration.ofMinutes(2);

  private final JobStore jobs;
  private final AssetStore assets;
  private final UploadStore uploads;
  private final Videos videos;
  private final Images images;
  private final Clock clock;

  Seeding(JobStore jobs, AssetStore assets, UploadStore uploads, Videos videos, Images images, Clock clock) {
    this.jobs = jobs;
    this.assets = assets;
    this.uploads = uploads;
    this.videos = videos;
    this.images = images;
    this.clock = clock;
  }

  /** Adds a job pinned to its status, and the video assets a succeeded one names that are not there yet. */
  void job(SeedJob seed) {
    if (seed.status == JobState.SUCCESS) {
      for (String assetId : seed.assetIds) {
        if (assets.find(assetId).isEmpty()) {
          videoAsset(assetId);
        }
      }
    }
    Double pinned = seed.progress;
    double progress = pinned != null ? pinned
        : seed.status == JobState.SUCCESS ? 1.0 : seed.status == JobState.IN_PROGRESS ? 0.42 : 0.0;
    Instant createdAt = seed.createdAt;
    JobSpec spec = new JobSpec(seed.id, seed.jobType, createdAt == null ? clock.instant() : createdAt, seed.input,
        2.0, seed.assetIds, seed.error, seed.hint);
    jobs.add(JobRecord.pinned(spec, seed.status, progress));
  }

  void imageAsset(String assetId) {
    images.store(assetId, "image/png", assetId + ".png", png());
  }

  private static byte[] png() {
    BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  /**
   * Adds a video asset and waits until its file exists: the service only ever names assets that are there, so a
   * seeded one must be readable the moment the seeding returns, whatever the render cache holds.
   */
  void videoAsset(String assetId) {
    AssetRecord asset = videos.seeded(assetId);
    assets.add(asset);
    try {
      asset.file().get(RENDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering seeded video " + assetId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not render seeded video " + assetId + " within " + RENDER_WAIT, e);
    }
  }

  /**
   * An upload of one PNG part: started (no part yet), with its part received, or imported as {@code assetId}.
   * Its part URL takes any signature, since the test that seeds it names the URL.
   */
  void upload(String uploadId, String stage, @Nullable String assetId) {
    byte[] part = png();
    UploadRecord record = new UploadRecord(uploadId,
        new UploadRecord.FileFacts("frame.png", "image/png", part.length, "image"), 1).seeded(true);
    try {
      if (!stage.equals("started")) {
        uploads.storePart(record, 1, okio.ByteString.of(part));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stage.equals("imported") && assetId != null) {
      imageAsset(assetId);
      record.complete(clock.instant(), Duration.ZERO, assetId, null);
    }
    uploads.add(record);
  }
}
