package dev.ltx4j.sandbox;

import dev.ltx4j.model.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The provider states the contract tests name, set up on a fresh sandbox. */
final class ProviderStates {
  private static final Pattern JOB = Pattern.compile("job (job_[A-Za-z0-9_-]+) (.+)");
  private static final Map<String, JobStatus> JOB_STATES = Map.of(
      "succeeded", JobStatus.SUCCESS,
      "is queued", JobStatus.QUEUED,
      "is in progress", JobStatus.IN_PROGRESS,
      "failed", JobStatus.FAILURE,
      "was canceled", JobStatus.CANCELED);

  static final int MAX_PAGE_SIZE = 200;

  private ProviderStates() {}

  static void apply(Sandbox sandbox, State state, String name) {
    state.reset();
    Matcher job = JOB.matcher(name.trim());
    if (job.matches() && JOB_STATES.containsKey(job.group(2))) {
      String id = job.group(1);
      SeedJob seed = SeedJob.of(id, JOB_STATES.get(job.group(2)));
      if (seed.status == JobStatus.SUCCESS) {
        seed.assetIds("asset_" + id.substring("job_".length()));
      }
      sandbox.seedJob(seed);
      return;
    }
    if (name.trim().equals("there are more jobs than one page")) {
      // One more than the largest page the spec allows, so it holds whatever pageSize the consumer asks for.
      for (int i = 0; i <= MAX_PAGE_SIZE; i++) {
        String id = String.format("job_page%03d", i);
        sandbox.seedJob(SeedJob.of(id, JobStatus.SUCCESS).assetIds("asset_page" + String.format("%03d", i))
            .createdAt(state.now().minus(Duration.ofMinutes(i))));
      }
      return;
    }
    throw new IllegalArgumentException("unknown provider state '" + name + "'; known: job <id> "
        + String.join("|", JOB_STATES.keySet()) + ", there are more jobs than one page");
  }
}
