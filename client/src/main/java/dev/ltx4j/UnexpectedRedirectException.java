package dev.ltx4j;

/**
 * The service, or a server between, answered with a redirect ltx4j does not follow: any redirect of a request that
 * is not a read (a paid submission's comes wrapped in {@link SubmissionOutcomeUnknownException}, since the first
 * request did reach a server), a redirect to plain HTTP off the loopback address, or more than five in a row.
 * Nothing was sent to the redirect's target.
 */
public final class UnexpectedRedirectException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;
  private final int statusCode;
  private final String location;

  public UnexpectedRedirectException(String operation, int statusCode, String location, String reason) {
    super(operation + " answered HTTP " + statusCode + " redirecting to " + location + ", which was not followed ("
        + reason + "); nothing was sent there");
    this.statusCode = statusCode;
    this.location = location;
  }

  /** The redirect's status, 301 to 308. */
  public int statusCode() {
    return statusCode;
  }

  /** Where it pointed (scheme, host, port and path; a signed URL's query is left out). */
  public String location() {
    return location;
  }
}
