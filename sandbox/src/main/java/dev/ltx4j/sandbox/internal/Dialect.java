package dev.ltx4j.sandbox.internal;

import dev.ltx4j.sandbox.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** How the sandbox spells its answers: {@link #DOCUMENTED} follows Scenario's reference page and SDK schema. */
public enum Dialect {
  DOCUMENTED;

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The field that holds a job's id. */
  public String jobIdField() {
    return "jobId";
  }

  /** A status as written in a job. */
  public String status(JobState state) {
    return state.value();
  }

  /** Progress from a fraction (0..1, three decimals). */
  public double progress(double fraction) {
    return fraction;
  }

  /** An ISO-8601 UTC timestamp with milliseconds. */
  public String timestamp(Instant instant) {
    return MILLIS.format(instant);
  }

  /** Puts a successful job's assets into its metadata. */
  public void putAssets(Map<String, Object> metadata, List<String> assetIds) {
    metadata.put("assetIds", assetIds);
  }

  /** The {@code nextPaginationToken} of the last page: none. */
  public String lastPageToken() {
    return null;
  }

  /** A pagination token carrying {@code cursor}. */
  public String token(String cursor) {
    return "page_" + Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor a token of this dialect carries.
   *
   * @throws IllegalArgumentException when the token is not one this dialect made
   */
  public String cursor(String token) {
    try {
      if (!token.startsWith("page_")) {
        throw new IllegalArgumentException("not a page token");
      }
      return new String(Base64.getUrlDecoder().decode(token.substring(5)), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid paginationToken", e);
    }
  }
}
