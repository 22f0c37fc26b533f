package dev.ltx4j.cli;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from named fields to a request, for a batch line's JSON object and for generate's and quote's
 * options alike, so that both accept the same names and report faults the same way. It checks only types (a
 * string, a whole number, true or false); the values themselves are checked by {@link LtxRequest.Builder#build()}.
 */
final class RequestFields {
  static final List<String> NAMES = List.of("prompt", "resolution", "duration", "aspectRatio", "fps", "cameraMotion",
      "generateAudio", "startImage", "endImage");

  private RequestFields() {}

  /** The request {@code fields} describe, by the names in {@link #NAMES}. */
  static LtxRequest toRequest(Map<?, ?> fields) {
    LtxRequest.Builder builder = LtxRequest.builder();
    fields.forEach((key, value) -> {
      String name = String.valueOf(key);
      switch (name) {
        case "prompt" -> builder.prompt(string(name, value));
        case "resolution" -> builder.resolution(string(name, value));
        case "duration" -> builder.durationSeconds(whole(name, value, "a whole number of seconds"));
        case "aspectRatio" -> builder.aspectRatio(string(name, value));
        case "fps" -> builder.fps(whole(name, value, "a whole number"));
        case "cameraMotion" -> builder.cameraMotion(string(name, value));
        case "generateAudio" -> builder.generateAudio(bool(name, value));
        case "startImage" -> builder.startImage(string(name, value));
        case "endImage" -> builder.endImage(string(name, value));
        default -> throw new InvalidRequestException(name, "unknown field \"" + name + "\"; allowed: "
            + String.join(", ", NAMES));
      }
    });
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

  private static String string(String name, Object value) {
    if (value instanceof String text) {
      return text;
    }
    throw wrongType(name, "a string", value);
  }

  private static int whole(String name, Object value, String expected) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw wrongType(name, expected, value);
  }

  private static boolean bool(String name, Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw wrongType(name, "true or false", value);
  }

  private static InvalidRequestException wrongType(String name, String expected, Object value) {
    return new InvalidRequestException(name, "\"" + name + "\" must be " + expected + ", got " + describe(value));
  }
}
