package dev.ltx4j;

import java.time.Duration;
import java.time.Instant;

/**
 * The requests a client may send to the API: Scenario allows a project about 100 a minute, shared by every key and
 * every process of the project, and answers 429 beyond. Every API call of a client (submissions, polls, lists,
 * asset reads, upload steps, cancels; not the CDN) takes a permit first; the client hands permits out by priority,
 * so that a paid submission or a download's fresh URL never waits behind polls.
 *
 * <p>A client has a budget of its own ({@code requestsPerMinute}, kept in a sliding minute and at most a sixth of it
 * in any 10 seconds) unless its builder is given one: another client's ({@link LtxClient#requestBudget()}) to share
 * it in one process, or an implementation of this interface over a shared store to share it between processes.
 */
public interface RequestBudget {
  /**
   * Takes the permit for one request if the budget has one at {@code now}, returning zero; otherwise takes nothing
   * and returns how long until one may be free (a hint: the client asks again then). Must not block for long: it is
   * called on the client's scheduling threads.
   */
  Duration tryTake(Instant now);
}
