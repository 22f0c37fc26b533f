package dev.ltx4j.cli;

import mockwebserver3.MockWebServer;

/** Points command lines run in this JVM at a test server, through the system properties {@code fromEnv()} reads. */
final class ApiProperties {
  private static final String[] NAMES = {"scenario.sdk.apiKey", "scenario.sdk.apiSecret", "ltx4j.baseUrl"};

  private ApiProperties() {}

  static void pointAt(MockWebServer api) {
    pointAt(api.url("/v1").toString(), "cli-key", "cli-secret");
  }

  static void pointAt(String baseUrl, String apiKey, String apiSecret) {
    System.setProperty("scenario.sdk.apiKey", apiKey);
    System.setProperty("scenario.sdk.apiSecret", apiSecret);
    System.setProperty("ltx4j.baseUrl", baseUrl);
  }

  static void clear() {
    for (String name : NAMES) {
      System.clearProperty(name);
    }
  }
}
