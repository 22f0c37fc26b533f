package dev.ltx4j;

import java.util.List;
import java.util.Map;

/** HTTP 400 "Cannot cancel this type of job": the job runs on; generation jobs cannot be canceled. */
public final class JobNotCancellableException extends BadRequestException {
  private static final long serialVersionUID = 1L;

  public JobNotCancellableException(String operation, int statusCode, ErrorBody body, Map<String, List<String>> headers) {
    super(operation, statusCode, body, headers);
  }
}
