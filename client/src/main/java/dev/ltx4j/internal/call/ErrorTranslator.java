package dev.ltx4j.internal.call;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.ltx4j.ApiException;
import dev.ltx4j.AuthenticationException;
import dev.ltx4j.BadRequestException;
import dev.ltx4j.ErrorBody;
import dev.ltx4j.InsufficientCreditsException;
import dev.ltx4j.JobNotCancellableException;
import dev.ltx4j.NotFoundException;
import dev.ltx4j.PermissionDeniedException;
import dev.ltx4j.RateLimitException;
import dev.ltx4j.ServerException;
import dev.ltx4j.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** Turns an error response into the typed exception callers act on. */
public final class ErrorTranslator {
  private static final JsonAdapter<Map<String, Object>> BODY =
      Json.moshi().<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class)).lenient();

  private ErrorTranslator() {}

  /** The typed exception for an error status, with the parsed body and the headers (Set-Cookie left out). */
  public static ApiException translate(String operation, int status, Headers headers, String text, Instant now) {
    ErrorBody body = parse(text);
    Map<String, List<String>> kept = keptHeaders(headers);
    if (status == 400 && body.text().orElse("").toLowerCase(Locale.ROOT).contains("cannot cancel")) {
      return new JobNotCancellableException(operation, status, body, kept);
    }
    return switch (status) {
      case 400 -> new BadRequestException(operation, status, body, kept);
      case 401 -> new AuthenticationException(operation, status, body, kept);
      case 402 -> new InsufficientCreditsException(operation, status, body, kept);
      case 403 -> new PermissionDeniedException(operation, status, body, kept);
      case 404 -> new NotFoundException(operation, status, body, kept);
      case 429 -> new RateLimitException(operation, status, body, kept, retryAfter(headers, text, now));
      default -> status >= 500
          ? new ServerException(operation, status, body, kept)
          : new ApiException(operation, status, body, kept);
    };
  }

  /** {@code Retry-After} (seconds or an HTTP date), else the body's {@code remainingSeconds}; null when neither. */
  static @Nullable Duration retryAfter(Headers headers, String text, Instant now) {
    String header = headers.get("Retry-After");
    if (header != null) {
      String value = header.trim();
      try {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException notADate) {
          // Neither form: fall through to the body.
        }
      }
    }
    Object remaining = parseMap(text).get("remainingSeconds");
    return remaining instanceof Number seconds ? Duration.ofMillis(Math.round(seconds.doubleValue() * 1000)) : null;
  }

  private static ErrorBody parse(String text) {
    Map<String, Object> map = parseMap(text);
    Object details = map.get("details");
    @SuppressWarnings("unchecked")
    Map<String, Object> detailsMap = details instanceof Map<?, ?> ? (Map<String, Object>) details : Map.of();
    String raw = text.length() > 2000 ? text.substring(0, 2000) : text;
    return new ErrorBody(string(map, "reason"), string(map, "message"), string(map, "error"), string(map, "detail"),
        withoutNulls(detailsMap), raw);
  }

  private static Map<String, Object> parseMap(String text) {
    try {
      Map<String, Object> map = BODY.fromJson(text);
      return map == null ? Map.of() : map;
    } catch (IOException | RuntimeException notAJsonObject) {
      return Map.of();
    }
  }

  private static @Nullable String string(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value instanceof String text ? text : value == null ? null : String.valueOf(value);
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> map) {
    Map<String, Object> copy = new TreeMap<>();
    map.forEach((key, value) -> {
      if (value != null) {
        copy.put(key, value);
      }
    });
    return copy;
  }

  private static Map<String, List<String>> keptHeaders(Headers headers) {
    Map<String, List<String>> kept = new TreeMap<>();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("set-cookie")) {
        kept.put(lower, headers.values(name));
      }
    }
    return kept;
  }
}
