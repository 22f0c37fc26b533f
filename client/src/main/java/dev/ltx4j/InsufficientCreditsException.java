package dev.ltx4j;

import java.util.List;
import java.util.Map;

/**
 * HTTP 402: the team has not enough credits for the generation, which was not started. Every further paid request
 * would be refused alike until credits are added, so a batch stops sending at the first one (see
 * {@link ApiException#refusesTheAccount()}).
 */
public final class InsufficientCreditsException extends ApiException {
  private static final long serialVersionUID = 1L;

  public InsufficientCreditsException(String operation, int statusCode, ErrorBody body,
      Map<String, List<String>> headers) {
    super(operation, statusCode, "not enough credits for the generation; add credits to the team", body, headers);
  }
}
