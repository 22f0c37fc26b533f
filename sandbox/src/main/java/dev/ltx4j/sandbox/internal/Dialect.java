package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the sandbox spells its answers. {@link #DOCUMENTED} follows Scenario's reference page and SDK schema;
 * {@link #REAL_WORLD} uses the variant forms Scenario's own guides, help pages and clients show, so that a client is
 * tested against every form it must read: {@code id} for {@code jobId}, {@code failed} and {@code cancelled},
 * progress on 0..100, one {@code metadata.assetId}, {@code ""} as the last page's token, padded base64 tokens
 * and timestamps without milliseconds.
 */
public enum Dialect {
  DOCUMENTED,
  REAL_WORLD;

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  /** Encodes as {@code +/}: every real-world token holds both characters a query must escape, and padding. */
  private static final byte[] TOKEN_PREFIX = {(byte) 0xFB, (byte) 0xF0};

  /** The field that holds a job's id. */
  public String jobIdField() {
    return this == DOCUMENTED ? "jobId" : "id";
  }

  /** A status as written in a job. */
  public String status(JobState state) {
    if (this == REAL_WORLD && state == JobState.FAILURE) {
      return "failed";
    }
    return this == REAL_WORLD && state == JobState.CANCELED ? "cancelled" : state.value();
  }

  /** Progress from a fraction (0..1, three decimals): as is, or on 0..100. */
  public double progress(double fraction) {
    return this == DOCUMENTED ? fraction : Math.round(fraction * 1000) / 10.0;
  }

  /** An ISO-8601 UTC timestamp, with milliseconds or without. */
  public String timestamp(Instant instant) {
    return (this == DOCUMENTED ? MILLIS : SECONDS).format(instant);
  }

  /** Puts a successful job's assets into its metadata: {@code assetIds}, or one {@code assetId} when there is one. */
  public void putAssets(Map<String, Object> metadata, List<String> assetIds) {
    if (this == REAL_WORLD && assetIds.size() == 1) {
      metadata.put("assetId", assetIds.get(0));
    } else {
      metadata.put("assetIds", assetIds);
    }
  }

  /** The {@code nextPaginationToken} of the last page: none, or {@code ""}. */
  public @Nullable String lastPageToken() {
    return this == DOCUMENTED ? null : "";
  }

  /** A pagination token carrying {@code cursor}. */
  public String token(String cursor) {
    byte[] text = cursor.getBytes(StandardCharsets.UTF_8);
    if (this == DOCUMENTED) {
      return "page_" + Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }
    int length = TOKEN_PREFIX.length + text.length;
    byte[] bytes = Arrays.copyOf(TOKEN_PREFIX, length % 3 == 0 ? length + 1 : length); // never a multiple of 3
    System.arraycopy(text, 0, bytes, TOKEN_PREFIX.length, text.length);
    if (bytes.length > length) {
      bytes[length] = ' ';
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * The cursor a token of this dialect carries.
   *
   * @throws IllegalArgumentException when the token is not one this dialect made
   */
  public String cursor(String token) {
    try {
      if (this == DOCUMENTED) {
        if (!token.startsWith("page_")) {
          throw new IllegalArgumentException("not a page token");
        }
        return new String(Base64.getUrlDecoder().decode(token.substring(5)), StandardCharsets.UTF_8);
      }
      byte[] bytes = Base64.getDecoder().decode(token);
      if (bytes.length < TOKEN_PREFIX.length || bytes[0] != TOKEN_PREFIX[0] || bytes[1] != TOKEN_PREFIX[1]) {
        throw new IllegalArgumentException("not a page token");
      }
      return new String(bytes, TOKEN_PREFIX.length, bytes.length - TOKEN_PREFIX.length, StandardCharsets.UTF_8)
          .trim();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid paginationToken", e);
    }
  }
}
