package dev.ltx4j;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
    this(operation, statusCode, null, body, headers);
  }

  /** {@code meaning}: what the status means, said in the message when the service's own text may not (or null). */
  protected ApiException(String operation, int statusCode, @Nullable String meaning, ErrorBody body,
      Map<String, List<String>> headers) {
    super(operation + " failed with HTTP " + statusCode + (meaning == null ? "" : " (" + meaning + ")")
        + body.text().map(text -> ": " + text).orElse(""));
    this.statusCode = statusCode;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * True when every further request of the account would be refused alike: 401 (a wrong or disabled key), 402 (out
   * of credits), 403 (a key or plan without the right). A loop of paid requests stops sending at the first.
   */
  public boolean refusesTheAccount() {
    return statusCode == 401 || statusCode == 402 || statusCode == 403;
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
