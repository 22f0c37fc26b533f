package dev.ltx4j.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The API key and secret, held only as the ready Authorization value; never printed. */
public final class Credentials {
  private final String authorization;

  private Credentials(String authorization) {
    this.authorization = authorization;
  }

  public static Credentials basic(String apiKey, String apiSecret) {
    String pair = apiKey + ":" + apiSecret;
    return new Credentials("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  String authorization() {
    return authorization;
  }

  @Override
  public String toString() {
    return "Credentials{redacted}";
  }
}
