package dev.ltx4j.internal.http;

import java.io.IOException;

/** A redirect {@link Redirects} did not follow; the call ends with it, and nothing was sent to the Location. */
public final class RedirectRefusedIOException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String location;
  private final String reason;

  RedirectRefusedIOException(int status, String location, String reason) {
    super("HTTP " + status + " redirect to " + location + " not followed: " + reason);
    this.status = status;
    this.location = location;
    this.reason = reason;
  }

  /** Why it was not followed. */
  public String reason() {
    return reason;
  }

  public int status() {
    return status;
  }

  /** Where the redirect pointed, without its query. */
  public String location() {
    return location;
  }
}
