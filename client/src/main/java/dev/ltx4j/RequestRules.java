package dev.ltx4j;

import dev.ltx4j.model.LtxGenerateRequest;
import dev.ltx4j.model.VideoResolution;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The documented rules of an LTX 2.3 Fast request, checked before anything is sent. */
final class RequestRules {
  static final List<Integer> DURATIONS = List.of(6, 8, 10, 12, 14, 16, 18, 20);
  static final List<Integer> FPS = List.of(24, 25, 48, 50);
  /** The spec's maxLength for a prompt (Scenario's other LTX models' limit; none is published for this one). */
  static final int MAX_PROMPT_LENGTH = 5000;
  private static final List<Integer> LONG_VIDEO_FPS = List.of(24, 25);
  private static final Pattern ASSET_ID = Pattern.compile("asset_[A-Za-z0-9_-]+");
  private static final String UNKNOWN = "UNKNOWN";

  private RequestRules() {}

  static void check(LtxGenerateRequest request) {
    if (request.prompt().isBlank()) {
      throw new InvalidRequestException("prompt", "prompt must not be blank");
    }
    if (request.prompt().length() > MAX_PROMPT_LENGTH) {
      throw new InvalidRequestException("prompt", "prompt is " + request.prompt().length() + " characters long; at "
          + "most " + MAX_PROMPT_LENGTH + " are accepted");
    }
    checkAssetId("startImage", request.startImage());
    checkAssetId("endImage", request.endImage());
    if (request.endImage() != null && request.startImage() == null) {
      throw new InvalidRequestException("endImage",
          "endImage '" + request.endImage() + "' needs startImage: interpolation runs from a first to a last frame");
    }
    checkKnown("resolution", request.resolution());
    checkKnown("aspectRatio", request.aspectRatio());
    checkKnown("cameraMotion", request.cameraMotion());
    if (request.duration() != null && !DURATIONS.contains(request.duration())) {
      throw new InvalidRequestException("duration",
          "duration " + request.duration() + " is not allowed; allowed: " + DURATIONS + " (seconds)");
    }
    if (request.fps() != null && !FPS.contains(request.fps())) {
      throw new InvalidRequestException("fps", "fps " + request.fps() + " is not allowed; allowed: " + FPS);
    }
    checkLongVideo(request);
  }

  private static void checkLongVideo(LtxGenerateRequest request) {
    int duration = request.duration() == null ? 6 : request.duration();
    VideoResolution resolution = request.resolution() == null ? VideoResolution.RES_1080P : request.resolution();
    int fps = request.fps() == null ? 25 : request.fps();
    if (duration <= 10) {
      return;
    }
    if (resolution != VideoResolution.RES_1080P) {
      throw new InvalidRequestException("resolution", "duration " + duration + " needs resolution 1080p, not "
          + resolution.value() + ": durations over 10 s are only allowed at 1080p with 24 or 25 fps");
    }
    if (!LONG_VIDEO_FPS.contains(fps)) {
      throw new InvalidRequestException("fps", "duration " + duration + " needs fps 24 or 25, not " + fps
          + ": durations over 10 s are only allowed at 1080p with 24 or 25 fps");
    }
  }

  private static void checkAssetId(String parameter, String value) {
    if (value != null && !ASSET_ID.matcher(value).matches()) {
      throw new InvalidRequestException(parameter,
          parameter + " '" + value + "' is not an asset id; expected asset_ followed by letters, digits, _ or -");
    }
  }

  private static void checkKnown(String parameter, Enum<?> value) {
    if (value != null && value.name().equals(UNKNOWN)) {
      throw new InvalidRequestException(parameter,
          parameter + " " + UNKNOWN + " is a decoding placeholder; allowed: " + allowed(value.getDeclaringClass()));
    }
  }

  /** Finds the constant whose JSON spelling is {@code text}, or names the allowed spellings. */
  static <E extends Enum<E>> E parse(String parameter, String text, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (!constant.name().equals(UNKNOWN) && constant.toString().equals(text)) {
        return constant;
      }
    }
    throw new InvalidRequestException(parameter,
        parameter + " '" + text + "' is not allowed; allowed: " + allowed(type));
  }

  private static String allowed(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Object::toString)
        .filter(text -> !text.equalsIgnoreCase(UNKNOWN))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
