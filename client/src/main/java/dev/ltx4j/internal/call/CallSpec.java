package dev.ltx4j.internal.call;

import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import retrofit2.Call;

/**
 * One API operation to run with retries.
 *
 * @param call makes a fresh Retrofit call for each attempt
 * @param submit true for a request that creates a paid job: never retried once it may have reached the server
 * @param acceptedStatuses non-2xx statuses handed back as responses rather than errors (a quote's 402)
 * @param ambiguous turns the failure of a submission that may have reached the server into the exception to throw
 * @param deadline no retry is scheduled past this instant
 */
public record CallSpec<T>(
    Supplier<Call<T>> call,
    boolean submit,
    Set<Integer> acceptedStatuses,
    Function<Throwable, RuntimeException> ambiguous,
    Instant deadline) {

  /** An idempotent read (or an action safe to repeat), retried on connection failures, 408, 429 and 5xx. */
  public static <T> CallSpec<T> read(Supplier<Call<T>> call, Instant deadline) {
    return new CallSpec<>(call, false, Set.of(), null, deadline);
  }
}
