package dev.ltx4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the README's table of request parameters from {@link LtxRequest#parameters()}, between its markers, so that
 * a parameter added to the spec reaches the documentation with the build (the client's {@code process-test-classes}
 * phase runs it). CI fails when the committed README differs from what the build wrote.
 */
public final class ParameterTable {
  static final String BEGIN = "<!-- request parameters: written by the build from the spec; do not edit -->";
  static final String END = "<!-- end of request parameters -->";

  private ParameterTable() {}

  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args[0]);
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String updated = replaced(text, render(LtxRequest.parameters()));
    if (!updated.equals(text)) {
      Files.writeString(readme, updated, StandardCharsets.UTF_8);
      System.out.println(readme + ": the request parameters' table was written from the spec");
    }
  }

  static String replaced(String readme, String table) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException("the README has no request parameters' markers: " + BEGIN + " … " + END);
    }
    return readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
  }

  static String render(List<RequestParameter> parameters) {
    StringBuilder table = new StringBuilder(
        "| parameter | `LtxRequest.Builder` | `ltx4j generate` | values | default | what it is |\n|---|---|---|---|---|---|\n");
    for (RequestParameter parameter : parameters) {
      table.append("| `").append(parameter.name()).append("`").append(parameter.required() ? " (required)" : "")
          .append(" | `").append(parameter.method()).append("(…)`")
          .append(" | ").append(parameter.required() ? "the first argument" : "`" + parameter.flag() + "`")
          .append(" | ").append(values(parameter))
          .append(" | ").append(parameter.defaultValue() == null ? "" : "`" + parameter.defaultValue() + "`")
          .append(" | ").append(parameter.description().replace("|", "\\|")).append(" |\n");
    }
    return table.toString();
  }

  private static String values(RequestParameter parameter) {
    return switch (parameter.kind()) {
      case CHOICE -> parameter.choices().stream().map(choice -> "`" + choice + "`").collect(Collectors.joining(", "));
      case BOOLEAN -> "`true`, `false`";
      case WHOLE_NUMBER -> parameter.allowed();
      case TEXT -> parameter.hint() != null && !parameter.hint().startsWith("must") ? parameter.hint()
          : "text" + (parameter.maxLength() == null ? "" : ", " + (parameter.minLength() == null ? 0
              : parameter.minLength()) + " to " + parameter.maxLength() + " characters");
    };
  }
}
