package dev.ltx4j.cli;

import dev.ltx4j.RequestParameter;
import dev.ltx4j.model.ModelInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of the model as a publication states it, in the service's terms ({@code string}, {@code number},
 * {@code boolean}, {@code file}); what a publication leaves out is null and is not compared.
 */
record PublishedParameter(String name, String type, @Nullable List<String> allowed, @Nullable String minimum,
    @Nullable String maximum, @Nullable String step, @Nullable String defaultValue, @Nullable Integer maxLength,
    @Nullable Boolean required) {

  /** What the model endpoint states of an input. */
  static PublishedParameter of(ModelInput input) {
    @Nullable List<String> allowed = input.allowedValues() == null ? null
        : input.allowedValues().stream().map(PublishedParameter::text).toList();
    return new PublishedParameter(input.name(), input.type(), allowed, text(input.min()), text(input.max()),
        text(input.step()), input._default() == null ? null : text(input._default()), input.maxLength(),
        required(input.required()));
  }

  /** What the bundled spec says the service should publish for a parameter. */
  static PublishedParameter expected(RequestParameter parameter) {
    String type = parameter.upload() ? "file" : switch (parameter.kind()) {
      case WHOLE_NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> "string";
    };
    @Nullable List<String> allowed = parameter.values().isEmpty() ? null : parameter.values();
    return new PublishedParameter(parameter.name(), type, allowed, text(parameter.minimum()),
        text(parameter.maximum()), text(parameter.multipleOf()), parameter.defaultValue(), parameter.maxLength(),
        parameter.required());
  }

  private static final Pattern ROW = Pattern.compile(
      "^\\|\\s*`?([A-Za-z0-9_]+)`?\\s*\\|\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*\\|.*\\|\\s*$");

  /**
   * The parameters of a model's API reference in Markdown: the rows of its table headed
   * {@code | Parameter | Type | Required | Default | Description |}; an {@code assetId} is a file, {@code -} nothing.
   */
  static List<PublishedParameter> fromMarkdown(String markdown) {
    List<PublishedParameter> parameters = new ArrayList<>();
    boolean inTable = false;
    for (String line : markdown.split("\\R")) {
      String trimmed = line.trim();
      if (trimmed.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("|parameter|type|required|default|")) {
        inTable = true;
        continue;
      }
      if (!inTable || trimmed.startsWith("|---") || trimmed.startsWith("| ---")) {
        continue;
      }
      Matcher row = ROW.matcher(trimmed);
      if (!row.matches()) {
        inTable = false;
        continue;
      }
      String type = row.group(2).replace("`", "").trim().toLowerCase(Locale.ROOT);
      String fallback = row.group(4).replace("`", "").trim();
      parameters.add(new PublishedParameter(row.group(1), type.equals("assetid") ? "file" : type, null, null, null,
          null, fallback.isEmpty() || fallback.equals("-") ? null : fallback, null,
          row.group(3).trim().equalsIgnoreCase("yes")));
    }
    return parameters;
  }

  private static Boolean required(@Nullable Object required) {
    if (required == null) {
      return false;
    }
    if (required instanceof Boolean flag) {
      return flag;
    }
    return required instanceof Map<?, ?> conditions && Boolean.TRUE.equals(conditions.get("always"));
  }

  /** A JSON value as text, numbers without a needless {@code .0}. */
  static @Nullable String text(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }
}
