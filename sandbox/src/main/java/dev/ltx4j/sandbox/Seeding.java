package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.JobRecord;
import dev.ltx4j.sandbox.internal.UploadRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;

/** Puts seeded jobs and assets into the stores. */
final class Seeding {
  /** Far beyond the slowest render measured (a 20 s, 50 fps video: ~12 s on a busy machine). */
  private static final Duration RENDER_WAIT = Duration.ofMinutes(2);

  private Seeding() {}

  static void job(State state, SeedJob seed) {
    if (seed.status == JobState.SUCCESS) {
      for (String assetId : seed.assetIds) {
        if (state.assets.find(assetId).isEmpty()) {
          videoAsset(state, assetId);
        }
      }
    }
    double progress = seed.progress != null ? seed.progress
        : seed.status == JobState.SUCCESS ? 1.0 : seed.status == JobState.IN_PROGRESS ? 0.42 : 0.0;
    JobRecord.JobSpec spec = new JobRecord.JobSpec(seed.id, seed.jobType,
        seed.createdAt == null ? state.now() : seed.createdAt, seed.input, 2.0, seed.assetIds, seed.error, seed.hint,
        seed.status, progress);
    state.jobs.add(new JobRecord(spec, null, () -> null));
  }

  static void imageAsset(State state, String assetId) {
    Images.store(state, assetId, "image/png", assetId + ".png", png());
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
  static void videoAsset(State state, String assetId) {
    AssetRecord asset = Videos.seeded(state, assetId);
    state.assets.add(asset);
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
  static void upload(State state, String uploadId, String stage, String assetId) {
    byte[] part = png();
    UploadRecord record = new UploadRecord(uploadId,
        new UploadRecord.FileFacts("frame.png", "image/png", part.length, "image"), 1).seeded(true);
    try {
      if (!stage.equals("started")) {
        state.uploads.storePart(record, 1, okio.ByteString.of(part));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stage.equals("imported")) {
      imageAsset(state, assetId);
      record.complete(state.now(), Duration.ZERO, assetId, null);
    }
    state.uploads.add(record);
  }
}
