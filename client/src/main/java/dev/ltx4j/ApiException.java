package dev.ltx4j;

import java.util.List;
import java.util.Map;

/**
 * The service answered with an error status. Subclasses exist where callers act differently; this class covers the
 * rest. The message names the operation, the status and the service's own text.
 */
public class ApiException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final int statusCode;
  private final transient ErrorBody body;
  private final transient Map<String, List<String>> headers;

  public ApiException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation + " failed with HTTP " + statusCode + body.text().map(text -> ": " + text).orElse(""));
    this.statusCode = statusCode;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** The parsed error body. */
  public ErrorBody body() {
    return body;
  }

  /** The response headers (names in lower case). */
  public Map<String, List<String>> headers() {
    return headers;
  }
}
