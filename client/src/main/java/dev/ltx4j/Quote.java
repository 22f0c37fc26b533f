package dev.ltx4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generation would cost, from a dry run that created no job.
 *
 * @param creativeUnitsCost creative units the generation would cost
 * @param creativeUnitsDiscount creative units that would be discounted
 * @param costDetails the service's breakdown, as it sent it
 */
public record Quote(double creativeUnitsCost, double creativeUnitsDiscount, Map<String, Object> costDetails) {
  public Quote {
    // Not Map.copyOf: the service sends nulls inside costDetails (e.g. "unit": null), and they are kept.
    costDetails = costDetails == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(costDetails));
  }
}
