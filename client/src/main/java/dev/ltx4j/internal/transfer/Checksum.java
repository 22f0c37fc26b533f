package dev.ltx4j.internal.transfer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** A whole-file checksum a server announced (Content-MD5 or x-amz-checksum-sha256), checked as bytes arrive. */
final class Checksum {
  private final String header;
  private final String expected;
  private final MessageDigest digest;

  private Checksum(String header, String expected, String algorithm) {
    this.header = header;
    this.expected = expected;
    try {
      this.digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The checksum the headers announce, or null. */
  static @Nullable Checksum from(Headers headers) {
    String md5 = headers.get("Content-MD5");
    if (md5 != null) {
      return new Checksum("Content-MD5", md5.trim(), "MD5");
    }
    String sha256 = headers.get("x-amz-checksum-sha256");
    return sha256 == null ? null : new Checksum("x-amz-checksum-sha256", sha256.trim(), "SHA-256");
  }

  void update(ByteBuffer bytes) {
    digest.update(bytes);
  }

  void reset() {
    digest.reset();
  }

  /** Null when the bytes match, else what went wrong. */
  @Nullable String mismatch() {
    byte[] actual = digest.digest();
    boolean matches = Base64.getEncoder().encodeToString(actual).equals(expected)
        || HexFormat.of().formatHex(actual).equalsIgnoreCase(expected);
    return matches ? null : header + " says " + expected + " but the bytes hash to "
        + Base64.getEncoder().encodeToString(actual);
  }
}
