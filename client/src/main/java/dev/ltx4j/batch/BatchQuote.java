package dev.ltx4j.batch;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Quote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch will cost, priced before anything is paid: one dry run (free) per distinct shape of request, the
 * prompt left out (the price depends on length, resolution, frame rate, audio and frames, never on the words).
 *
 * @param perLine the estimate of each request, in the order given
 * @param shapes how many distinct shapes were priced, one dry run each
 */
public record BatchQuote(List<Double> perLine, int shapes) {
  /** What the whole batch is expected to cost, in creative units. */
  public double total() {
    return perLine.stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Prices {@code requests} with one dry run per shape. */
  public static BatchQuote of(LtxClient client, List<LtxRequest> requests) {
    Map<LtxRequest, Double> byShape = new LinkedHashMap<>();
    List<Double> perLine = new ArrayList<>();
    for (LtxRequest request : requests) {
      LtxRequest shape = request.toBuilder().prompt("a shape").build();
      Double price = byShape.get(shape);
      if (price == null) {
        Quote quote = client.quote(request);
        price = quote.creativeUnitsCost();
        byShape.put(shape, price);
      }
      perLine.add(price);
    }
    return new BatchQuote(List.copyOf(perLine), byShape.size());
  }
}
