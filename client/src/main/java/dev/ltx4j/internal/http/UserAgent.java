package dev.ltx4j.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code ltx4j/<version> java/<version>}. */
final class UserAgent {
  static final String VALUE = "ltx4j/" + version() + " java/" + System.getProperty("java.version");

  private UserAgent() {}

  private static String version() {
    try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
