package dev.ltx4j.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The user's file of option defaults, installed as the commands' default provider. It is also the one place that
 * tells which of its keys gave an option its value, so that a fault in that value is blamed on the file, not on the
 * command line.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  private final Path path;
  private final Properties properties;
  private final CommandLine.PropertiesDefaultProvider defaults;

  private ConfigFile(Path path, Properties properties) {
    this.path = path;
    this.properties = properties;
    this.defaults = new CommandLine.PropertiesDefaultProvider(properties);
  }

  /**
   * Where option defaults live: {@code -Dltx4j.config=FILE}, else {@code $XDG_CONFIG_HOME/ltx4j/config.properties},
   * else {@code $HOME/.config/ltx4j/config.properties}.
   * Keys are option names without dashes, optionally after the command ({@code ltx4j.generate.deadline=1h}).
   * Credentials are not options: they stay in the environment.
   */
  static Path location() {
    String configured = System.getProperty("ltx4j.config");
    if (configured != null) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    String home = System.getenv("HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".config");
    return base.resolve("ltx4j").resolve("config.properties");
  }

  /** The file's keys and values. */
  static ConfigFile load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandException(ExitCodes.CONFIGURATION, "cannot read the config file " + file + ": " + e.getMessage());
    }
    return new ConfigFile(file, properties);
  }

  /** The config file {@code command}'s options take their defaults from, if there is one. */
  static Optional<ConfigFile> of(CommandSpec command) {
    return command.defaultValueProvider() instanceof ConfigFile file ? Optional.of(file) : Optional.empty();
  }

  Path path() {
    return path;
  }

  Properties properties() {
    return properties;
  }

  @Override
  public @Nullable String defaultValue(ArgSpec argSpec) throws Exception {
    return defaults.defaultValue(argSpec);
  }

  /**
   * The key that gave {@code option} its value when the command line {@code args} did not: the command-qualified key
   * first, as picocli's default provider looks it up; empty if the value was typed or the file does not set it.
   */
  Optional<String> keyOf(OptionSpec option, List<String> args) {
    for (String arg : args) {
      for (String name : option.names()) {
        if (arg.equals(name) || arg.startsWith(name + "=")) {
          return Optional.empty();
        }
      }
    }
    return ConfigKeys.keys(option.command(), option).stream().filter(properties::containsKey).findFirst();
  }
}
