package dev.ltx4j.cli;

import dev.ltx4j.JobSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "job", mixinStandardHelpOptions = true, description = "Show a job's status, progress and assets.",
    footer = {"%nExamples:", "  ltx4j job job_abc123", "  ltx4j job job_abc123 --json"})
final class JobCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "JOB_ID")
  String jobId;

  @Override
  public Integer call() {
    try (Backend backend = common.open()) {
      JobSnapshot job = backend.client().getJob(jobId);
      common.output().result(describe(job), fields(job));
      return ExitCodes.OK;
    }
  }

  static Map<String, Object> fields(JobSnapshot job) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("jobId", job.id().orElse(null));
    fields.put("status", job.status().value());
    job.progress().ifPresent(p -> fields.put("progress", p));
    fields.put("assetIds", job.assetIds());
    job.error().ifPresent(e -> fields.put("error", e));
    job.hint().ifPresent(h -> fields.put("hint", h));
    return fields;
  }

  static String describe(JobSnapshot job) {
    return job.id().orElse("?") + "  " + job.status().value()
        + job.progress().stream().mapToObj(p -> String.format("  %.0f%%", p * 100)).findFirst().orElse("")
        + (job.assetIds().isEmpty() ? "" : "  assets: " + String.join(", ", job.assetIds()))
        + job.error().map(e -> "  error: " + e).orElse("") + job.hint().map(h -> "  hint: " + h).orElse("");
  }
}
