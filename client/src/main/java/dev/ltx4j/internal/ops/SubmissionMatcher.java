package dev.ltx4j.internal.ops;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.RequestParameter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds, among recent jobs, the one (or every one) a submission with an unknown outcome may have created: same input
 * parameters, created around the time it was sent.
 */
final class SubmissionMatcher {
  /** How far job timestamps may stray from the client's clock. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** LTX 2.3 Fast's defaults as the spec states them: an echoed input may state them for parameters left out. */
  private static final Map<String, String> LTX_DEFAULTS = LtxRequest.parameters().stream()
      .filter(parameter -> parameter.defaultValue() != null)
      .collect(Collectors.toMap(RequestParameter::name, RequestParameter::defaultValue));
  private static final Set<String> LTX_WITHOUT_DEFAULT = LtxRequest.parameters().stream()
      .filter(parameter -> parameter.defaultValue() == null).map(RequestParameter::name).collect(Collectors.toSet());

  private final String modelId;
  private final Map<String, Object> request;
  private final Instant submittedAt;

  SubmissionMatcher(String modelId, Map<String, Object> request, Instant submittedAt) {
    this.modelId = modelId;
    this.request = request;
    this.submittedAt = submittedAt;
  }

  /** Every matching job, each id once, created closest to the submission time first. */
  List<JobSnapshot> all(List<JobSnapshot> jobs) {
    Map<String, JobSnapshot> byId = new LinkedHashMap<>();
    jobs.stream().filter(job -> job.id().isPresent() && matches(job))
        .forEach(job -> byId.putIfAbsent(job.id().get(), job));
    return byId.values().stream().sorted(Comparator.comparing(this::distance)).toList();
  }

  /** True once a page reaches jobs created well before the submission: older pages cannot match. */
  boolean pastWindow(List<JobSnapshot> jobs) {
    Instant earliest = submittedAt.minus(CLOCK_SKEW);
    return jobs.stream().map(SubmissionMatcher::createdAt).anyMatch(at -> at != null && at.isBefore(earliest));
  }

  boolean matches(JobSnapshot job) {
    if (job.job().metadata() == null || job.job().metadata().input() == null || job.id().isEmpty()) {
      return false;
    }
    Map<String, Object> input = job.job().metadata().input();
    Object inputModel = input.get("modelId");
    if (inputModel != null && !inputModel.equals(modelId)) {
      return false;
    }
    Instant created = createdAt(job);
    if (created != null && created.isBefore(submittedAt.minus(CLOCK_SKEW))) {
      return false;
    }
    if (!input.containsKey("prompt") && request.containsKey("prompt")) {
      return false;
    }
    return request.entrySet().stream().allMatch(entry -> sameValue(entry.getValue(), input.get(entry.getKey())))
        && input.entrySet().stream().allMatch(entry -> request.containsKey(entry.getKey()) || leftOut(entry));
  }

  /** An echoed LTX parameter the request did not send must hold its default: else another request made the job. */
  private boolean leftOut(Map.Entry<String, Object> echoed) {
    if (!modelId.equals(Operations.LTX_MODEL_ID)) {
      return true;
    }
    Object fallback = LTX_DEFAULTS.get(echoed.getKey());
    if (fallback != null) {
      return sameValue(fallback, echoed.getValue());
    }
    return !LTX_WITHOUT_DEFAULT.contains(echoed.getKey()) || echoed.getValue() == null;
  }

  private Duration distance(JobSnapshot job) {
    Instant created = createdAt(job);
    return created == null ? Duration.ofDays(1) : Duration.between(submittedAt, created).abs();
  }

  private static boolean sameValue(Object sent, @Nullable Object echoed) {
    if (echoed == null) {
      return true; // The service may leave defaults out of the echoed input.
    }
    if (sent instanceof Number a && echoed instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    if (sent instanceof String text && echoed instanceof Number b && text.matches("-?\\d+(\\.\\d+)?")) {
      return Double.parseDouble(text) == b.doubleValue(); // a default as the spec writes it
    }
    return Objects.equals(String.valueOf(sent), String.valueOf(echoed));
  }

  private static @Nullable Instant createdAt(JobSnapshot job) {
    OffsetDateTime created = job.job().createdAt();
    return created == null ? null : created.toInstant();
  }
}
