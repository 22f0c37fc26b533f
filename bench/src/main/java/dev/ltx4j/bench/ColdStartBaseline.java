package dev.ltx4j.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The cold-start baseline: a JVM that makes one authenticated GET with the JDK's own client and exits. */
public final class ColdStartBaseline {
  private ColdStartBaseline() {}

  public static void main(String[] args) throws Exception {
    String auth = Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(args[0])).header("Authorization", "Basic " + auth).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println(response.statusCode());
  }
}
