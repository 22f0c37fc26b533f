package dev.ltx4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The differences between the parameters the bundled spec expects and those a publication states: added, removed
 * (and a likely rename), and, for each parameter in both, its type, whether it is required, its default, its allowed
 * values, its range and its length. One line each, readable, in the spec's order.
 */
final class SpecDrift {
  private SpecDrift() {}

  static List<String> compare(List<PublishedParameter> expected, List<PublishedParameter> published) {
    Map<String, PublishedParameter> ours = byName(expected);
    Map<String, PublishedParameter> theirs = byName(published);
    List<String> drift = new ArrayList<>();
    List<PublishedParameter> removed = ours.values().stream().filter(p -> !theirs.containsKey(p.name())).toList();
    List<PublishedParameter> added = theirs.values().stream().filter(p -> !ours.containsKey(p.name())).toList();
    for (PublishedParameter parameter : removed) {
      drift.add("- " + parameter.name() + ": in the bundled spec, not published" + renamedTo(parameter, added));
    }
    for (PublishedParameter parameter : added) {
      drift.add("+ " + parameter.name() + ": published (" + parameter.type() + describe(parameter)
          + "), not in the bundled spec");
    }
    for (Map.Entry<String, PublishedParameter> entry : ours.entrySet()) {
      PublishedParameter them = theirs.get(entry.getKey());
      if (them != null) {
        compare(entry.getValue(), them, drift);
      }
    }
    return drift;
  }

  private static void compare(PublishedParameter ours, PublishedParameter theirs, List<String> drift) {
    String name = ours.name();
    differs(drift, name, "type", ours.type(), theirs.type());
    if (theirs.required() != null && !Objects.equals(ours.required(), theirs.required())) {
      drift.add("~ " + name + ": " + (theirs.required() ? "now required" : "no longer required"));
    }
    if (theirs.defaultValue() != null || (theirs.allowed() != null && ours.defaultValue() != null)) {
      differs(drift, name, "default", ours.defaultValue(), theirs.defaultValue());
    }
    if (theirs.allowed() != null) {
      Set<String> newly = new LinkedHashSet<>(theirs.allowed());
      if (ours.allowed() != null) {
        newly.removeAll(ours.allowed());
        Set<String> dropped = new LinkedHashSet<>(ours.allowed());
        dropped.removeAll(theirs.allowed());
        if (!dropped.isEmpty()) {
          drift.add("~ " + name + ": no longer allowed: " + String.join(", ", dropped));
        }
      }
      if (!newly.isEmpty()) {
        drift.add("~ " + name + ": newly allowed: " + String.join(", ", newly));
      }
    }
    differs(drift, name, "minimum", ours.minimum(), theirs.minimum());
    differs(drift, name, "maximum", ours.maximum(), theirs.maximum());
    differs(drift, name, "step", ours.step(), theirs.step());
    if (theirs.maxLength() != null) {
      differs(drift, name, "maximum length", text(ours.maxLength()), text(theirs.maxLength()));
    }
  }

  /** A difference of a field the publication states (null there: not stated, not compared). */
  private static void differs(List<String> drift, String name, String what, @Nullable String ours,
      @Nullable String theirs) {
    if (theirs != null && !theirs.equals(ours)) {
      drift.add("~ " + name + ": " + what + " " + (ours == null ? "none" : ours) + " in the bundled spec, " + theirs
          + " published");
    }
  }

  private static String renamedTo(PublishedParameter removed, List<PublishedParameter> added) {
    List<String> sameType = added.stream().filter(parameter -> parameter.type().equals(removed.type()))
        .map(PublishedParameter::name).toList();
    return sameType.size() == 1 ? " (renamed to " + sameType.get(0) + "?)" : "";
  }

  private static String describe(PublishedParameter parameter) {
    StringBuilder text = new StringBuilder();
    if (parameter.allowed() != null) {
      text.append(", one of ").append(String.join(", ", parameter.allowed()));
    }
    if (parameter.minimum() != null || parameter.maximum() != null) {
      text.append(", ").append(parameter.minimum() == null ? "…" : parameter.minimum()).append(" to ")
          .append(parameter.maximum() == null ? "…" : parameter.maximum());
    }
    if (parameter.defaultValue() != null) {
      text.append(", default ").append(parameter.defaultValue());
    }
    if (Boolean.TRUE.equals(parameter.required())) {
      text.append(", required");
    }
    return text.toString();
  }

  private static Map<String, PublishedParameter> byName(List<PublishedParameter> parameters) {
    Map<String, PublishedParameter> byName = new LinkedHashMap<>();
    parameters.forEach(parameter -> byName.putIfAbsent(parameter.name(), parameter));
    return byName;
  }

  private static @Nullable String text(@Nullable Integer value) {
    return value == null ? null : value.toString();
  }
}
