package dev.ltx4j.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens the PostgreSQL store a batch command names. The password never comes from the command line, which every
 * user of the machine can read ({@code ps}): a URL holding one is refused.
 */
final class StoreConnection {
  static final String USER_ENV = "LTX4J_STORE_USER";
  static final String PASSWORD_ENV = "LTX4J_STORE_PASSWORD";
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("[?&]password=", Pattern.CASE_INSENSITIVE);
  private static final Pattern USER_INFO = Pattern.compile("^jdbc:postgresql://[^/?]*@", Pattern.CASE_INSENSITIVE);

  private StoreConnection() {}

  /**
   * A pool of {@code size} connections to the store.
   *
   * @throws CommandException when the URL is not a PostgreSQL one, holds a password, or the password file is unreadable
   */
  static HikariDataSource open(StoreOptions options, Map<String, String> env, int size) {
    String url = check(Objects.requireNonNull(options.url, "--store was not given"));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("ltx4j-store");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    String user = first(env, USER_ENV, "PGUSER");
    if (user != null) {
      config.setUsername(user);
    }
    String password = options.passwordFile != null ? readPassword(options.passwordFile)
        : first(env, PASSWORD_ENV, "PGPASSWORD");
    if (password != null) {
      config.setPassword(password);
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      // SQLSTATE class 08 is a connection that could not be made (refused, unknown host, timed out): the network's
      // or the server's state, not the command's; the rest (a wrong password, a missing database) is configuration.
      boolean unreachable = cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08");
      throw new CommandException(unreachable ? ExitCodes.NETWORK : ExitCodes.CONFIGURATION,
          "cannot connect to the store " + url + ": " + cause.getMessage()
              + (unreachable ? "; is the database server running and reachable from here? Run the same command "
                  + "again once it is" : ""), e);
    }
  }

  /** The URL, when it is a PostgreSQL JDBC URL without a password in it. */
  static String check(String url) {
    if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      throw new CommandException(ExitCodes.USAGE, "--store must be a PostgreSQL JDBC URL like "
          + "jdbc:postgresql://db.example.com/ltx4j, got " + url);
    }
    if (PASSWORD_PARAMETER.matcher(url).find() || USER_INFO.matcher(url).find()) {
      throw new CommandException(ExitCodes.USAGE, "--store must not hold credentials: anyone on this machine can "
          + "read a command line. Set " + PASSWORD_ENV + " (or PGPASSWORD) and " + USER_ENV + " (or PGUSER), or "
          + "name a file with --store-password-file, and leave user:password@ and password= out of the URL");
    }
    return url;
  }

  private static @Nullable String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  private static String readPassword(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0);
    } catch (IOException e) {
      throw new CommandException(ExitCodes.CONFIGURATION, "cannot read the store password file " + file + ": "
          + e.getMessage());
    }
  }
}
