package dev.ltx4j;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The single-field rules of a request, read from each {@link RequestParameter} (that is, from the spec): a value's
 * type, length, pattern, range, step and choices. Nothing here names a parameter; cross-field rules are
 * {@link RequestRules}.
 */
final class ParameterChecks {
  private static final String UNKNOWN = "UNKNOWN";
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private ParameterChecks() {}

  /** Checks one parameter's value (null: not set); its enumerated values in the API's spelling. */
  static void check(RequestParameter parameter, Object value) {
    String name = parameter.name();
    if (value == null) {
      return;
    }
    if (value instanceof String text) {
      if (parameter.kind() == RequestParameter.Kind.CHOICE && !parameter.choices().contains(text)) {
        throw new InvalidRequestException(name, text.equalsIgnoreCase(UNKNOWN)
            ? name + " " + UNKNOWN + " is a decoding placeholder; allowed: [" + parameter.allowed() + "]"
            : name + " '" + text + "' is not allowed; allowed: [" + parameter.allowed() + "]");
      }
      checkText(parameter, text);
    } else if (value instanceof Number number) {
      long whole = number.longValue();
      boolean allowed = parameter.choices().isEmpty() ? inRange(parameter, whole)
          : parameter.choices().contains(Long.toString(whole));
      if (!allowed) {
        throw new InvalidRequestException(name,
            name + " " + whole + " is not allowed; allowed: [" + parameter.allowed() + "]");
      }
    }
  }

  private static void checkText(RequestParameter parameter, String text) {
    String name = parameter.name();
    if (parameter.minLength() != null && text.length() < parameter.minLength()) {
      throw new InvalidRequestException(name, parameter.minLength() == 1 ? name + " must not be empty"
          : name + " is " + text.length() + " characters long; at least " + parameter.minLength() + " are needed");
    }
    if (parameter.maxLength() != null && text.length() > parameter.maxLength()) {
      throw new InvalidRequestException(name, name + " is " + text.length() + " characters long; at most "
          + parameter.maxLength() + " are accepted");
    }
    if (parameter.pattern() != null
        && !PATTERNS.computeIfAbsent(parameter.pattern(), Pattern::compile).matcher(text).find()) {
      String hint = parameter.hint();
      throw new InvalidRequestException(name, hint == null ? name + " '" + text + "' does not match "
          + parameter.pattern() : hint.startsWith("must") ? name + " " + hint : name + " '" + text + "' is not " + hint);
    }
  }

  private static boolean inRange(RequestParameter parameter, long value) {
    return (parameter.minimum() == null || value >= parameter.minimum())
        && (parameter.maximum() == null || value <= parameter.maximum())
        && (parameter.multipleOf() == null || value % parameter.multipleOf() == 0);
  }

  /** Builds the model, turning a missing required parameter into a refusal that names it. */
  static <T> T build(Supplier<T> build, List<RequestParameter> parameters) {
    try {
      return build.get();
    } catch (NullPointerException e) {
      for (RequestParameter parameter : parameters) {
        if (parameter.required() && String.valueOf(e.getMessage()).startsWith(parameter.name() + " ")) {
          throw new InvalidRequestException(parameter.name(), parameter.name() + " is required");
        }
      }
      throw e;
    }
  }

  static InvalidRequestException unknown(String name, List<RequestParameter> parameters) {
    return new InvalidRequestException(name, "unknown field \"" + name + "\"; allowed: "
        + parameters.stream().map(RequestParameter::name).collect(Collectors.joining(", ")));
  }

  static String text(RequestParameter parameter, Object value) {
    if (value instanceof String text) {
      return text;
    }
    throw wrongType(parameter, "a string", value);
  }

  static int whole(RequestParameter parameter, Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw wrongType(parameter, "a whole number", value);
  }

  static boolean bool(RequestParameter parameter, Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw wrongType(parameter, "true or false", value);
  }

  /**
   * The number an inline integer enum's default names: the generator writes {@code fps: default 25} as the constant
   * {@code FpsEnum.NUMBER_25} of an enum the models do not have (they keep such fields as {@code Integer}).
   */
  static String numberConstant(String constant) {
    java.util.regex.Matcher number = Pattern.compile("NUMBER_(MINUS_)?(\\d+)$").matcher(constant);
    if (!number.find()) {
      throw new IllegalStateException("not a generated number constant: " + constant);
    }
    return (number.group(1) == null ? "" : "-") + number.group(2);
  }

  /** An enumeration's values in the API's spelling, without the decoding placeholder. */
  static List<String> choices(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).filter(constant -> !constant.name().equals(UNKNOWN))
        .map(Object::toString).toList();
  }

  private static InvalidRequestException wrongType(RequestParameter parameter, String expected, Object value) {
    return new InvalidRequestException(parameter.name(),
        "\"" + parameter.name() + "\" must be " + expected + ", got " + describe(value));
  }

  /** How a JSON value reads in a message: {@code null}, {@code 8.9}, {@code "yes"}, an array, an object. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString(); // 8 rather than JSON's 8.0
    }
    if (value instanceof String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return String.valueOf(value);
  }
}
