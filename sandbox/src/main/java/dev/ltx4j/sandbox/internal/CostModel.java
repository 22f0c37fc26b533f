package dev.ltx4j.sandbox.internal;

import dev.ltx4j.model.LtxGenerateRequest;
import dev.ltx4j.model.VideoResolution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's made-up price list (Scenario publishes none for this model): {@code ceil(duration / 3 ×
 * resolution factor × fps factor)} creative units, where 1080p is 1, 2k is 2, 4k is 4, 24/25 fps is 1 and 48/50 fps
 * is 2. The reference request (6 s, 1080p, 25 fps) costs 2, as in Scenario's examples. No discount.
 */
public final class CostModel {
  private CostModel() {}

  /** The cost in creative units. */
  public static double cost(LtxGenerateRequest request) {
    return Math.ceil(duration(request) / 3.0 * resolutionFactor(request) * fpsFactor(request));
  }

  /** How the cost was reached, for {@code costDetails}. */
  public static Map<String, Object> details(LtxGenerateRequest request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("durationSeconds", duration(request));
    details.put("resolutionFactor", resolutionFactor(request));
    details.put("fpsFactor", fpsFactor(request));
    details.put("creativeUnitsPerThreeSeconds", 1);
    return details;
  }

  static int duration(LtxGenerateRequest request) {
    return request.duration() == null ? 6 : request.duration();
  }

  private static int resolutionFactor(LtxGenerateRequest request) {
    VideoResolution resolution = request.resolution() == null ? VideoResolution.RES_1080P : request.resolution();
    return switch (resolution) {
      case RES_2K -> 2;
      case RES_4K -> 4;
      default -> 1;
    };
  }

  private static int fpsFactor(LtxGenerateRequest request) {
    return request.fps() != null && request.fps() > 25 ? 2 : 1;
  }
}
