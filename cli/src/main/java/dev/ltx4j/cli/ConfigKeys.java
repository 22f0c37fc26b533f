package dev.ltx4j.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The file's keys and values. */
  static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandException(ExitCodes.CONFIGURATION, "cannot read the config file " + file + ": " + e.getMessage());
    }
    return properties;
  }

  /**
   * The key of {@code properties} that gave {@code option} its value when the command line did not: the
   * command-qualified key first, as picocli's default provider looks it up; null if the value was typed.
   */
  static @Nullable String keyOf(OptionSpec option, Properties properties, String[] args) {
    for (String arg : args) {
      for (String name : option.names()) {
        if (arg.equals(name) || arg.startsWith(name + "=")) {
          return null;
        }
      }
    }
    CommandSpec command = option.command();
    String name = option.longestName().replaceFirst("^-+", "");
    String path = command.qualifiedName(".").replaceFirst("^[^.]*\\.?", "");
    for (String key : new String[] {command.qualifiedName(".") + "." + name, path + "." + name, name}) {
      if (properties.containsKey(key)) {
        return key;
      }
    }
    return null;
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
    String path = spec.qualifiedName(".").replaceFirst("^[^.]*\\.?", ""); // without the top command's name
    for (OptionSpec option : spec.options()) {
      String name = option.longestName().replaceFirst("^-+", "");
      known.add(name);
      known.add(path.isEmpty() ? name : path + "." + name);
      known.add(spec.qualifiedName(".") + "." + name);
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, known));
  }
}
