package dev.ltx4j.cli;

import dev.ltx4j.LtxRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Named fields to a request, for a batch line's JSON object and for generate's and quote's options alike: every
 * name goes through {@link LtxRequest.Builder#set(String, Object)}, which knows the spec's parameters, their types
 * and limits.
 */
final class RequestFields {
  private RequestFields() {}

  /** The request {@code fields} describe, by the parameters' API names. */
  static LtxRequest toRequest(Map<?, ?> fields) {
    LtxRequest.Builder builder = LtxRequest.builder();
    fields.forEach((key, value) -> builder.set(String.valueOf(key), value));
    return builder.build();
  }

  /** How a JSON value reads in a message: {@code null}, {@code 8.9}, {@code "yes"}, an array, an object. */
  static String describe(Object value) {
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof Double number && Double.isFinite(number)) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString(); // 8 rather than JSON's 8.0
    }
    return CliJson.write(value);
  }
}
