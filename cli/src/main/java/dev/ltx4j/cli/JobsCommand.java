package dev.ltx4j.cli;

import dev.ltx4j.JobQuery;
import dev.ltx4j.JobSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = {"List the project's recent jobs, newest first, with the prompt each was made with.", "",
        "After an interrupted or unanswered submission, this is how to find the job it may have created before "
            + "submitting again: list the jobs created since it was sent."},
    footer = {"%nExamples:", "  ltx4j jobs --since 10m", "  ltx4j jobs --since 2026-12-06T07:12:00Z --json",
        "  ltx4j jobs --status failure --limit 5"})
final class JobsCommand implements Callable<Integer> {
  private static final int PROMPT_SHOWN = 60;

  @Mixin CommonOptions common;

  @Option(names = "--since", paramLabel = "WHEN", converter = Since.class,
      description = "Only jobs created at or after WHEN: an ISO time (2026-12-06T07:12:00Z) or a time ago (10m, 2h).")
  @Nullable Instant since;

  @Option(names = "--status", description = "Only jobs in this status (e.g. success, failure, in-progress).")
  @Nullable String status;

  @Option(names = "--limit", defaultValue = "20", description = "The most jobs listed. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new CommandException(ExitCodes.USAGE, "--limit " + limit + " must be at least 1");
    }
    try (Backend backend = common.open()) {
      // Newest first: the list ends at the first job older than --since.
      Instant from = since;
      List<JobSnapshot> jobs = backend.client().listJobs(query(status, Math.min(limit, 100)))
          .takeWhile(job -> from == null || created(job).map(at -> !at.isBefore(from)).orElse(true))
          .limit(limit).toList();
      String text = jobs.isEmpty() ? "No jobs" + (since == null ? "" : " created since " + since)
          : String.join("\n", jobs.stream().map(JobsCommand::line).toList());
      common.output().result(text, Map.of("jobs", jobs.stream().map(JobsCommand::fields).toList()));
      return ExitCodes.OK;
    }
  }

  private static Optional<Instant> created(JobSnapshot job) {
    return Optional.ofNullable(job.job().createdAt()).map(OffsetDateTime::toInstant);
  }

  private static String line(JobSnapshot job) {
    String prompt = prompt(job);
    return JobCommand.describe(job) + created(job).map(at -> "  created " + at).orElse("")
        + (prompt == null ? "" : "  \"" + (prompt.length() > PROMPT_SHOWN
            ? prompt.substring(0, PROMPT_SHOWN) + "…" : prompt) + "\"");
  }

  private static Map<String, Object> fields(JobSnapshot job) {
    Map<String, Object> fields = new LinkedHashMap<>(JobCommand.fields(job));
    created(job).ifPresent(at -> fields.put("createdAt", at.toString()));
    if (prompt(job) != null) {
      fields.put("prompt", prompt(job));
    }
    return fields;
  }

  private static JobQuery query(@Nullable String status, int pageSize) {
    return new JobQuery(status, null, pageSize);
  }

  private static @Nullable String prompt(JobSnapshot job) {
    var metadata = job.job().metadata();
    Object prompt = metadata == null || metadata.input() == null ? null : metadata.input().get("prompt");
    return prompt instanceof String text ? text : null;
  }

  /** An ISO time, or a time ago as {@link Durations} reads it. */
  static final class Since implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return OffsetDateTime.parse(text.trim()).toInstant();
      } catch (DateTimeParseException notATime) {
        try {
          Duration ago = new Durations().convert(text);
          return Instant.now().minus(ago);
        } catch (TypeConversionException notADuration) {
          throw new TypeConversionException("'" + text + "' is neither a time like 2026-12-06T07:12:00Z nor a "
              + "time ago like 10m");
        }
      }
    }
  }
}
