package dev.ltx4j;

import java.util.List;
import java.util.Map;

/** HTTP 403 wrong project or plan; retrying never helps. */
public final class PermissionDeniedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation, statusCode, body, headers);
  }
}
