package dev.ltx4j.cli;

import dev.ltx4j.Assets;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** One option per LTX 2.3 Fast parameter, mapped to a request by {@link RequestFields} like a batch line. */
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

  /** The flag each request field is typed as, so that a refusal names what the user wrote. */
  private static final Map<String, String> FLAGS = Map.of("resolution", "--resolution", "duration", "--duration",
      "aspectRatio", "--aspect-ratio", "fps", "--fps", "cameraMotion", "--camera-motion", "generateAudio",
      "--no-audio", "startImage", "--start-image", "endImage", "--end-image");

  /** Stands for a frame image's asset id before its upload. */
  private static final String PENDING_UPLOAD = "asset_pending";

  /** Checks every value without sending anything; image files are only checked to exist. */
  LtxRequest check(String prompt) {
    return inFlags(() -> RequestFields.toRequest(fields(prompt, file -> PENDING_UPLOAD)));
  }

  /** Uploads the frame images given as files, then builds the request with their asset ids. */
  LtxRequest uploadFramesAndBuild(String prompt, Assets assets) {
    return inFlags(() -> RequestFields.toRequest(fields(prompt, assets::uploadImage)));
  }

  /** Looks up the frames given as asset ids: one the project does not have would be paid for, then fail. */
  void requireFrameAssets(Assets assets) {
    mustExist("startImage", startImage, assets);
    mustExist("endImage", endImage, assets);
  }

  private static void mustExist(String parameter, String value, Assets assets) {
    if (value == null || !value.startsWith("asset_")) {
      return;
    }
    try {
      assets.get(value);
    } catch (dev.ltx4j.ApiException e) {
      if (e.statusCode() == 404) {
        throw new InvalidRequestException(parameter, FLAGS.get(parameter) + " " + value + ": no such asset in this "
            + "project (ltx4j upload FILE gives an asset id, or give the image file itself)");
      }
      throw e;
    }
  }

  /** The request's own refusal, with the fields it names written as the flags that set them. */
  private static LtxRequest inFlags(java.util.function.Supplier<LtxRequest> build) {
    try {
      return build.get();
    } catch (InvalidRequestException e) {
      String message = e.getMessage().replace(" '" + PENDING_UPLOAD + "'", "");
      for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
        message = message.replaceAll("\\b" + flag.getKey() + "\\b", flag.getValue());
      }
      throw new InvalidRequestException(e.parameter(), message);
    }
  }

  /** The options as {@link RequestFields} names them; {@code upload} turns a frame image file into an asset id. */
  private Map<String, Object> fields(String prompt, Function<Path, String> upload) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("prompt", prompt);
    putIfSet(fields, "resolution", resolution);
    putIfSet(fields, "duration", duration);
    putIfSet(fields, "aspectRatio", aspectRatio);
    putIfSet(fields, "fps", fps);
    putIfSet(fields, "cameraMotion", cameraMotion == null ? null : cameraMotion.toLowerCase(java.util.Locale.ROOT));
    putIfSet(fields, "generateAudio", noAudio ? false : null);
    putIfSet(fields, "startImage", startImage == null ? null : image("startImage", startImage, upload));
    putIfSet(fields, "endImage", endImage == null ? null : image("endImage", endImage, upload));
    return fields;
  }

  private static void putIfSet(Map<String, Object> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  private static String image(String parameter, String value, Function<Path, String> upload) {
    if (value.startsWith("asset_")) {
      return value;
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new InvalidRequestException(parameter, FLAGS.get(parameter) + " " + value
          + ": no such file (or give an asset_… id from ltx4j upload)");
    }
    return upload.apply(file);
  }
}
