package dev.ltx4j.sandbox.internal;

import java.util.Map;

/**
 * The sandbox's made-up price list (Scenario publishes none for this model): {@code ceil(duration / 3 ×
 * resolution factor × fps factor)} creative units, where 1080p is 1, 2k is 2, 4k is 4, 24/25 fps is 1 and 48/50 fps
 * is 2. The reference request (6 s, 1080p, 25 fps) costs 2, as in Scenario's examples. No discount.
 */
public final class CostModel {
  private CostModel() {}

  /** The cost in creative units. */
  public static double cost(GenerateInput input) {
    return Math.ceil(input.durationOrDefault() / 3.0 * resolutionFactor(input) * fpsFactor(input));
  }

  /** How the cost was reached, for {@code costDetails}. */
  public static Map<String, Object> details(GenerateInput input) {
    return Json.object("durationSeconds", input.durationOrDefault(), "resolutionFactor", resolutionFactor(input),
        "fpsFactor", fpsFactor(input), "creativeUnitsPerThreeSeconds", 1);
  }

  private static int resolutionFactor(GenerateInput input) {
    return switch (input.resolutionOrDefault()) {
      case "2k" -> 2;
      case "4k" -> 4;
      default -> 1;
    };
  }

  private static int fpsFactor(GenerateInput input) {
    return input.fpsOrDefault() > 25 ? 2 : 1;
  }
}
