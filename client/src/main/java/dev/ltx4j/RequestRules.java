package dev.ltx4j;

import dev.ltx4j.model.LtxGenerateRequest;
import dev.ltx4j.model.VideoResolution;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules of an LTX 2.3 Fast request that tie parameters together, which the spec states only in prose: the one
 * handwritten place for them. Each parameter's own limits come from the spec ({@link ParameterChecks}).
 */
final class RequestRules {
  private static final List<Integer> LONG_VIDEO_FPS = List.of(24, 25);
  private static final String UNKNOWN = "UNKNOWN";

  private RequestRules() {}

  /** The rules between parameters, which the spec cannot state; each value alone was checked already. */
  static void check(LtxGenerateRequest request) {
    if (request.endImage() != null && request.startImage() == null) {
      throw new InvalidRequestException("endImage",
          "endImage '" + request.endImage() + "' needs startImage: interpolation runs from a first to a last frame");
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
