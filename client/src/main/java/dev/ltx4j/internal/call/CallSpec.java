package dev.ltx4j.internal.call;

import dev.ltx4j.SendFence;
import dev.ltx4j.internal.limits.Priority;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * One API operation to run with retries; make one with the factory that says what the operation is, since that
 * decides what is safe to retry (see {@link RetryPolicy}).
 *
 * @param call makes a fresh Retrofit call for each attempt
 * @param kind what repeating the request would do
 * @param acceptedStatuses non-2xx statuses handed back as responses rather than errors (a quote's 402)
 * @param ambiguous turns the failure of a paid submission that may have reached the server into the exception to
 *     throw; the other kinds never have such an outcome, and theirs says so
 * @param deadline no retry is scheduled past this instant
 * @param priority the place of each attempt in the queue for the request budget
 * @param fence checked after every wait, right before each attempt is sent; null for none
 */
public record CallSpec<T>(
    Supplier<Call<T>> call,
    Kind kind,
    Set<Integer> acceptedStatuses,
    Function<Throwable, RuntimeException> ambiguous,
    Instant deadline,
    Priority priority,
    @Nullable SendFence fence) {
  /** What the kinds other than a paid submission do with an ambiguous outcome: they cannot have one. */
  private static final Function<Throwable, RuntimeException> NEVER_AMBIGUOUS =
      failure -> new IllegalStateException("only a paid submission can have an unknown outcome", failure);

  /** What sending a request twice would do. */
  public enum Kind {
    /** Reads (and a dry-run quote): retried on connection failures, broken answers, 408, 429 and 5xx. */
    READ,
    /** A change that has the same effect when repeated (cancel, complete an upload, PUT a part): as a read. */
    IDEMPOTENT_WRITE,
    /**
     * A request that creates something free ({@code POST /assets}, {@code POST /uploads}): retried as a read, since
     * at worst a repeat leaves an unused duplicate that costs nothing.
     */
    CREATING_WRITE,
    /**
     * A paid generation: retried only when it provably never left (a refused connection) or was refused with 429;
     * any other failure after it may have reached the server is an ambiguous outcome, never retried.
     */
    PAID_SUBMISSION
  }

  public static <T> CallSpec<T> read(Supplier<Call<T>> call, Instant deadline) {
    return new CallSpec<>(call, Kind.READ, Set.of(), NEVER_AMBIGUOUS, deadline, Priority.CALL, null);
  }

  public static <T> CallSpec<T> idempotentWrite(Supplier<Call<T>> call, Instant deadline) {
    return new CallSpec<>(call, Kind.IDEMPOTENT_WRITE, Set.of(), NEVER_AMBIGUOUS, deadline, Priority.CALL, null);
  }

  public static <T> CallSpec<T> creatingWrite(Supplier<Call<T>> call, Instant deadline) {
    return new CallSpec<>(call, Kind.CREATING_WRITE, Set.of(), NEVER_AMBIGUOUS, deadline, Priority.CALL, null);
  }

  public static <T> CallSpec<T> paidSubmission(
      Supplier<Call<T>> call, Function<Throwable, RuntimeException> ambiguous, Instant deadline) {
    return new CallSpec<>(call, Kind.PAID_SUBMISSION, Set.of(), ambiguous, deadline, Priority.SUBMIT, null);
  }

  /** The same operation, handing back {@code statuses} as responses (a quote reads its cost from a 402). */
  public CallSpec<T> accepting(Integer... statuses) {
    return new CallSpec<>(call, kind, Set.of(statuses), ambiguous, deadline, priority, fence);
  }

  /** The same operation, queued for the budget at {@code priority}. */
  public CallSpec<T> at(Priority priority) {
    return new CallSpec<>(call, kind, acceptedStatuses, ambiguous, deadline, priority, fence);
  }

  /** The same operation, sent only when {@code fence} says so right before each attempt. */
  public CallSpec<T> fenced(SendFence fence) {
    return new CallSpec<>(call, kind, acceptedStatuses, ambiguous, deadline, priority, fence);
  }

  boolean paid() {
    return kind == Kind.PAID_SUBMISSION;
  }
}
