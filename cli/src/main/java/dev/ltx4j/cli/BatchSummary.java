package dev.ltx4j.cli;

import dev.ltx4j.batch.BatchStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How a batch's status reads, alike in batch, worker and batch-status: a line for people, fields for --json. */
final class BatchSummary {
  private BatchSummary() {}

  /** One line: lines settled and by state, credits spent (of the cap, if any), live workers, why it stopped. */
  static String describe(BatchStatus status) {
    String states = status.byState().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey().wireName() + " " + e.getValue()).collect(Collectors.joining(", "));
    return "batch " + status.batchId() + ": " + status.settled() + "/" + status.lines() + " settled (" + states
        + "); " + String.format(Locale.ROOT, "%.1f", status.spent()) + " creative units spent"
        + (status.maxCredits() == null ? "" : String.format(Locale.ROOT, " of %.1f", status.maxCredits()))
        + "; " + status.liveWorkers() + " live workers" + status.stoppedBecause().map(why -> "; stopped: " + why)
        .orElse("");
  }

  /** The lines by state and the spend (charged, spent, quoted, the cap if any), as batch and batch-status show them. */
  static void putStatesAndSpend(Map<String, Object> fields, BatchStatus status) {
    Map<String, Object> byState = new LinkedHashMap<>();
    status.byState().forEach((state, count) -> byState.put(state.wireName(), count));
    fields.put("byState", byState);
    fields.put("charged", status.charged());
    fields.put("spent", status.spent());
    fields.put("quoted", status.quoted());
    if (status.maxCredits() != null) {
      fields.put("maxCredits", status.maxCredits());
    }
  }
}
