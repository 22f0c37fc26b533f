package dev.ltx4j.sandbox;

import dev.ltx4j.model.JobStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import dev.ltx4j.sandbox.internal.JobRecord;

/** Puts seeded jobs and assets into the stores. */
final class Seeding {
  private Seeding() {}

  static void job(State state, SeedJob seed) {
    if (seed.status == JobStatus.SUCCESS) {
      for (String assetId : seed.assetIds) {
        if (state.assets.find(assetId).isEmpty()) {
          videoAsset(state, assetId);
        }
      }
    }
    double progress = seed.progress != null ? seed.progress
        : seed.status == JobStatus.SUCCESS ? 1.0 : seed.status == JobStatus.IN_PROGRESS ? 0.42 : 0.0;
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

  static void videoAsset(State state, String assetId) {
    state.assets.add(Videos.seeded(state, assetId));
  }

  /**
   * An upload of one PNG part: started (no part yet), with its part received, or imported as {@code assetId}.
   * Its part URL takes any signature, since the test that seeds it names the URL.
   */
  static void upload(State state, String uploadId, String stage, String assetId) {
    byte[] part = png();
    dev.ltx4j.model.Upload upload = dev.ltx4j.model.Upload.builder().id(uploadId).fileName("frame.png")
        .contentType("image/png").fileSize((long) part.length).kind("image").build();
    dev.ltx4j.sandbox.internal.UploadRecord record =
        new dev.ltx4j.sandbox.internal.UploadRecord(upload, 1).seeded(true);
    try {
      if (!stage.equals("started")) {
        UploadsApi.storePart(state, record, 1, okio.ByteString.of(part));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stage.equals("imported")) {
      imageAsset(state, assetId);
      record.complete(state.now(), java.time.Duration.ZERO, assetId, null);
    }
    state.uploads.put(uploadId, record);
  }
}
