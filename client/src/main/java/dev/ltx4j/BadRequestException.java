package dev.ltx4j;

import java.util.List;
import java.util.Map;

/** HTTP 400 Bad Request the service refused the request as invalid. */
public class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation, statusCode, body, headers);
  }
}
