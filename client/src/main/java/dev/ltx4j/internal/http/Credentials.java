package dev.ltx4j.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The API key and secret: the ready Authorization value, and what to strike from what servers echo; never printed. */
public final class Credentials {
  static final String REDACTED = "[redacted]";
  private final String authorization;
  private final List<String> secrets;

  private Credentials(String authorization, List<String> secrets) {
    this.authorization = authorization;
    this.secrets = secrets;
  }

  public static Credentials basic(String apiKey, String apiSecret) {
    String pair = apiKey + ":" + apiSecret;
    String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    // Longest first, so that the pair is struck whole before its parts.
    List<String> secrets = Stream.of(encoded, pair, apiSecret, apiKey).filter(text -> !text.isEmpty()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    return new Credentials("Basic " + encoded, secrets);
  }

  String authorization() {
    return authorization;
  }

  /**
   * {@code text} with the key, the secret and the Authorization value struck out: a server (or a proxy) that echoes
   * the request in its error body must not put them into an exception's message or a log.
   */
  String scrub(String text) {
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, REDACTED);
    }
    return scrubbed;
  }

  @Override
  public String toString() {
    return "Credentials{redacted}";
  }
}
