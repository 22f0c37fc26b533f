package dev.ltx4j;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How one submission is sent; {@link #defaults()} is what {@link LtxClient#submit(LtxRequest)} does. */
public final class SubmitOptions {
  private static final SubmitOptions DEFAULTS = new SubmitOptions(null);

  private final @Nullable SendFence fence;

  private SubmitOptions(@Nullable SendFence fence) {
    this.fence = fence;
  }

  public static SubmitOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Checks {@code fence} immediately before the request leaves, after every wait. A fenced submission is sent from
   * the calling thread and takes no generation slot of the client's: the caller holds the team's seats itself (a
   * batch worker does), so that no wait comes between the fence and the request.
   */
  public SubmitOptions withFence(SendFence fence) {
    return new SubmitOptions(Objects.requireNonNull(fence, "fence == null"));
  }

  /** The fence, when there is one. */
  public Optional<SendFence> fence() {
    return Optional.ofNullable(fence);
  }
}
