package dev.ltx4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The keys a config file may hold: each option's name without dashes, alone or after its command
 * ({@code deadline}, {@code ltx4j.generate.deadline}). picocli ignores any other key, so a misspelt one would silently do
 * nothing; this names it instead.
 */
final class ConfigKeys {
  private ConfigKeys() {}

  /**
   * The keys that may set {@code option} of {@code command}, most specific first: after the command's full name
   * ({@code ltx4j.generate.deadline}), after its name below the top command ({@code generate.deadline}), alone.
   */
  static List<String> keys(CommandSpec command, OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "");
    String path = command.qualifiedName(".").replaceFirst("^[^.]*\\.?", ""); // without the top command's name
    List<String> keys = new ArrayList<>();
    keys.add(command.qualifiedName(".") + "." + name);
    if (!path.isEmpty()) {
      keys.add(path + "." + name);
    }
    keys.add(name);
    return keys;
  }

  /** A message naming the file and its first key no command knows, or null when every key is known. */
  static @Nullable String unknown(CommandLine root, Path file, Properties properties) {
    Set<String> known = new TreeSet<>();
    collect(root, known);
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (!known.contains(key)) {
        return "the config file " + file + " has the key '" + key + "', which no option has; keys are option names "
            + "without dashes, alone or after their command (deadline=30m, ltx4j.generate.duration=8)";
      }
    }
    return null;
  }

  private static void collect(CommandLine command, Set<String> known) {
    CommandSpec spec = command.getCommandSpec();
    for (OptionSpec option : spec.options()) {
      known.addAll(keys(spec, option));
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, known));
  }
}
