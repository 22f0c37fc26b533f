package dev.ltx4j.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * Signs CDN URLs the way CloudFront's custom policies look: {@code Policy} (base64 of the path and expiry),
 * {@code Signature} (here an HMAC-SHA256 of the policy with the sandbox's key) and {@code Key-Pair-Id}.
 */
public final class UrlSigner {
  public static final String KEY_PAIR_ID = "KSANDBOX";
  private final byte[] key;

  public UrlSigner(byte[] key) {
    this.key = key.clone();
  }

  /** The result of checking a URL. */
  public enum Verdict { VALID, EXPIRED, INVALID }

  /** A signed URL for {@code path} on {@code base}, valid until {@code expires}. */
  public HttpUrl sign(HttpUrl base, String path, Instant expires) {
    long seconds = expires.getEpochSecond() + (expires.getNano() > 0 ? 1 : 0);
    String policy = base64(("{\"resource\":\"" + path + "\",\"expires\":" + seconds + "}")
        .getBytes(StandardCharsets.UTF_8));
    return base.newBuilder()
        .encodedPath(path)
        .addQueryParameter("Policy", policy)
        .addQueryParameter("Signature", base64(hmac(policy)))
        .addQueryParameter("Key-Pair-Id", KEY_PAIR_ID)
        .build();
  }

  /** Checks a request URL: signature first, then that the policy names this path, then expiry. */
  public Verdict verify(HttpUrl url, Instant now) {
    String policy = url.queryParameter("Policy");
    String signature = url.queryParameter("Signature");
    if (policy == null || signature == null || !KEY_PAIR_ID.equals(url.queryParameter("Key-Pair-Id"))) {
      return Verdict.INVALID;
    }
    if (!MessageDigest.isEqual(base64(hmac(policy)).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.INVALID;
    }
    String json;
    try {
      json = new String(Base64.getUrlDecoder().decode(policy), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Verdict.INVALID;
    }
    if (!json.startsWith("{\"resource\":\"" + url.encodedPath() + "\",\"expires\":")) {
      return Verdict.INVALID;
    }
    long expires = Long.parseLong(json.substring(json.lastIndexOf(':') + 1, json.length() - 1));
    return now.toEpochMilli() < expires * 1000 ? Verdict.VALID : Verdict.EXPIRED;
  }

  private byte[] hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
