package dev.ltx4j;

import java.util.List;
import java.util.Map;

/** HTTP 401 the API key or secret is wrong. */
public final class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation, statusCode, body, headers);
  }
}
