package dev.ltx4j;

/** The client cannot be built as configured: missing credentials, an unsafe base URL, a bad setting. */
public final class ConfigurationException extends Ltx4jException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
