package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.SpecValidator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks an answer of the service against the spec the sandbox is built from, read strictly (an object lists every
 * field it may hold), as the sandbox checks its own answers. {@code ltx4j spec-check} uses it on the real service's
 * answers to calls that cost nothing.
 */
public final class SpecConformance {
  private SpecConformance() {}

  /**
   * Everything in the answer that breaks the spec, each as {@code key: message}; empty when it conforms. A key
   * ending in {@code additionalProperties} is a field the spec does not list.
   *
   * @param path the request's path from {@code /v1}, e.g. {@code /v1/jobs/job_x}
   */
  public static List<String> problems(String method, String path, int status, @Nullable String contentType,
      @Nullable String body) {
    return SpecValidator.shared().responseProblems(method, path, status, contentType, body);
  }
}
