package dev.ltx4j;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of an LTX 2.3 Fast generation as the spec describes it: its API name, kind, limits and documentation.
 * {@link LtxRequest#parameters()} lists them in the spec's order; the CLI's options, a batch line's fields and the
 * documentation are made from this list, so a parameter added to the spec reaches them all.
 *
 * @param name the API name, as in the JSON body ({@code cameraMotion})
 * @param kind what values it takes
 * @param description the spec's description
 * @param defaultValue the service's default as the spec states it, or null
 * @param choices the allowed values of a {@link Kind#CHOICE} or an enumerated number, in the API's spelling; else empty
 * @param minimum the smallest number allowed, or null
 * @param maximum the largest number allowed, or null
 * @param multipleOf the step numbers must be a multiple of, or null
 * @param minLength the shortest text allowed, or null
 * @param maxLength the longest text allowed, or null
 * @param pattern a regular expression text must contain a match of (JSON Schema's {@code pattern}), or null
 * @param hint what a valid value looks like, in words, for messages; or null
 * @param required whether every request must have it
 * @param optionName the command line's option for it, without dashes ({@code camera-motion})
 * @param upload whether a command line may give a file here, uploaded first to get the asset id
 * @param method the {@link LtxRequest.Builder} method that sets it
 */
public record RequestParameter(String name, Kind kind, String description, String defaultValue, List<String> choices,
    Long minimum, Long maximum, Long multipleOf, Integer minLength, Integer maxLength, String pattern, String hint,
    boolean required, String optionName, boolean upload, String method) {

  /** What values a parameter takes. */
  public enum Kind {
    /** A string. */
    TEXT,
    /** A whole number. */
    WHOLE_NUMBER,
    /** true or false. */
    BOOLEAN,
    /** One of {@link #choices()}, a string. */
    CHOICE
  }

  public RequestParameter {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(kind, "kind == null");
    choices = List.copyOf(choices);
  }

  /** The command line's flag: {@code --camera-motion}; {@code --no-audio} for a switch that is on by default. */
  public String flag() {
    return kind == Kind.BOOLEAN && "true".equals(defaultValue) ? "--no-" + optionName : "--" + optionName;
  }

  /**
   * Every value allowed, in the API's spelling, when they are few: the choices, or a stepped range of at most 50
   * numbers ({@code 6, 8, …, 20}); else empty.
   */
  public List<String> values() {
    if (!choices.isEmpty()) {
      return choices;
    }
    if (minimum == null || maximum == null || multipleOf == null || (maximum - minimum) / multipleOf > 50) {
      return List.of();
    }
    List<String> values = new java.util.ArrayList<>();
    for (long value = minimum; value <= maximum; value++) {
      if (value % multipleOf == 0) {
        values.add(Long.toString(value));
      }
    }
    return List.copyOf(values);
  }

  /** The values allowed, for a message or help text: {@code 24, 25, 48, 50}, {@code 0 to 2147483647}; or "". */
  public String allowed() {
    List<String> values = values();
    if (!values.isEmpty()) {
      return String.join(", ", values);
    }
    if (minimum != null && maximum != null) {
      return minimum + " to " + maximum;
    }
    return minimum != null ? minimum + " or more" : maximum != null ? "at most " + maximum : "";
  }
}
