package dev.ltx4j;

import java.util.List;
import java.util.Map;

/** HTTP 404 unknown id, or another project's resource. */
public final class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation, statusCode, body, headers);
  }
}
