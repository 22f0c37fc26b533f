package dev.ltx4j.batch;

import dev.ltx4j.LtxRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A digest of a request, equal for equal requests: lines with the same one are interchangeable. */
public final class RequestKey {
  private RequestKey() {}

  public static String of(LtxRequest request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
