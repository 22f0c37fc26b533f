package dev.ltx4j.cli;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** One option per LTX 2.3 Fast parameter; checked by {@link LtxRequest} before anything is sent. */
final class RequestOptions {
  @Option(names = "--resolution", paramLabel = "RES", description = "1080p (default), 2k or 4k.")
  String resolution;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "6 (default) to 20 in steps of 2; over 10 only at 1080p with 24 or 25 fps.")
  Integer duration;

  @Option(names = "--aspect-ratio", paramLabel = "RATIO", description = "16:9 (default) or 9:16.")
  String aspectRatio;

  @Option(names = "--fps", description = "24, 25 (default), 48 or 50.")
  Integer fps;

  @Option(names = "--camera-motion", paramLabel = "MOTION",
      description = "none (default), dolly_in, dolly_out, dolly_left, dolly_right, jib_up, jib_down, static, focus_shift.")
  String cameraMotion;

  @Option(names = "--no-audio", description = "Do not generate audio.")
  boolean noAudio;

  @Option(names = "--start-image", paramLabel = "IMAGE", description = "First frame: an image file (uploaded first) or an asset_… id.")
  String startImage;

  @Option(names = "--end-image", paramLabel = "IMAGE", description = "Last frame (needs --start-image): a file or an asset_… id.")
  String endImage;

  /** Checks every value without sending anything; image files are only checked to exist. */
  LtxRequest check(String prompt) {
    return build(prompt, null);
  }

  /** Builds the request, uploading image files through {@code client} (null: only check them). */
  LtxRequest build(String prompt, LtxClient client) {
    LtxRequest.Builder builder = LtxRequest.builder().prompt(prompt);
    if (resolution != null) {
      builder.resolution(resolution);
    }
    if (duration != null) {
      builder.durationSeconds(duration);
    }
    if (aspectRatio != null) {
      builder.aspectRatio(aspectRatio);
    }
    if (fps != null) {
      builder.fps(fps);
    }
    if (cameraMotion != null) {
      builder.cameraMotion(cameraMotion);
    }
    if (noAudio) {
      builder.generateAudio(false);
    }
    if (startImage != null) {
      builder.startImage(image("startImage", startImage, client));
    }
    if (endImage != null) {
      builder.endImage(image("endImage", endImage, client));
    }
    return builder.build();
  }

  private static String image(String parameter, String value, LtxClient client) {
    if (value.startsWith("asset_")) {
      return value;
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new InvalidRequestException(parameter, parameter + " '" + value + "' is neither an asset_… id nor a file");
    }
    return client == null ? "asset_pending" : client.assets().uploadImage(file);
  }
}
