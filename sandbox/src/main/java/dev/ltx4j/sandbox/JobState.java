package dev.ltx4j.sandbox;

/**
 * The eight job statuses Scenario documents, as the sandbox runs them. {@link #value()} is the documented
 * spelling; in real-world mode ({@link Sandbox.Builder#realWorldVariants(boolean)}) {@code failure} and
 * {@code canceled} are written {@code failed} and {@code cancelled}.
 */
public enum JobState {
  PENDING("pending"),
  QUEUED("queued"),
  WARMING_UP("warming-up"),
  IN_PROGRESS("in-progress"),
  FINALIZING("finalizing"),
  SUCCESS("success"),
  FAILURE("failure"),
  CANCELED("canceled");

  private final String value;

  JobState(String value) {
    this.value = value;
  }

  /** The documented spelling, e.g. {@code in-progress}. */
  public String value() {
    return value;
  }

  /** True for {@code success}, {@code failure} and {@code canceled}: the job will not change again. */
  public boolean isTerminal() {
    return this == SUCCESS || this == FAILURE || this == CANCELED;
  }

  @Override
  public String toString() {
    return value;
  }
}
