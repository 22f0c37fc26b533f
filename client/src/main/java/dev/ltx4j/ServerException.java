package dev.ltx4j;

import java.util.List;
import java.util.Map;

/** HTTP 5xx the service failed; a read was retried before this was thrown. */
public final class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ServerException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation, statusCode, body, headers);
  }
}
