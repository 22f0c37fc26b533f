package dev.ltx4j;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A submission waited for one of the team's generation slots (its concurrency ceiling) longer than the client
 * allows, and was not sent: nothing was paid for. Raise the client's {@code maxSlotWait}, or free slots.
 */
public final class NoFreeSlotException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final int ceiling;
  private final transient Duration waited;

  public NoFreeSlotException(int ceiling, Duration waited, @Nullable Throwable cause) {
    super("no generation slot became free within " + waited.toSeconds() + " s (the team's ceiling: "
        + (ceiling > 0 ? ceiling + " generations at once" : "unknown") + "); the submission was not sent", cause);
    this.ceiling = ceiling;
    this.waited = waited;
  }

  /** The ceiling the client knew of (configured or learned from the service's 429), 0 when unknown. */
  public int ceiling() {
    return ceiling;
  }

  /** How long the submission waited. */
  public Duration waited() {
    return waited;
  }
}
