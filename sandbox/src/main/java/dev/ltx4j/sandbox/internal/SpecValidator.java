package dev.ltx4j.sandbox.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Checks requests and the sandbox's own answers against the project's OpenAPI spec (bundled from
 * {@code openapi/scenario-ltx.yaml}, read strictly: see {@link StrictSpec}). A request's first violation becomes a
 * Scenario-style {@code reason} that names the field, e.g. {@code Input prompt is required}; fields a request body
 * names that the spec does not know are ignored, as the service ignores them. Authentication is checked elsewhere,
 * so security findings are ignored here.
 */
public final class SpecValidator {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private final OpenApiInteractionValidator validator;

  /** The JVM's shared validator, made on first use. */
  public static SpecValidator shared() {
    return Shared.VALIDATOR;
  }

  /**
   * Parsing the spec costs a few hundred milliseconds: every sandbox in a JVM shares one (thread-safe) validator,
   * made when this holder class is first initialised and never replaced.
   */
  private static final class Shared {
    static final SpecValidator VALIDATOR = new SpecValidator();
  }

  private SpecValidator() {
    this.validator = OpenApiInteractionValidator.createFor(StrictSpec.resolved())
        .withBasePathOverride("/v1")
        .build();
  }

  /** The reason the request breaks the spec, or empty when it conforms. */
  public Optional<String> check(String method, HttpUrl url, @Nullable String contentType, @Nullable String body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, url.encodedPath());
    for (String name : url.queryParameterNames()) {
      request.withQueryParam(name, url.queryParameterValues(name));
    }
    if (contentType != null) {
      request.withContentType(contentType);
    }
    if (body != null && !body.isEmpty()) {
      request.withBody(body);
    }
    return errors(validator.validateRequest(request.build()))
        .filter(message -> !message.getKey().startsWith("validation.request.security"))
        .filter(message -> !message.getKey().endsWith(".schema.additionalProperties"))
        .findFirst()
        .map(SpecValidator::reason);
  }

  /** What in an answer to {@code method path} breaks the spec, or empty when it conforms. */
  public Optional<String> checkResponse(String method, String path, int status, @Nullable String contentType,
      @Nullable String body) {
    return responseProblems(method, path, status, contentType, body).stream().findFirst();
  }

  /** Everything in an answer to {@code method path} that breaks the spec, as {@code key: message}. */
  public java.util.List<String> responseProblems(String method, String path, int status,
      @Nullable String contentType, @Nullable String body) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    if (contentType != null) {
      response.withContentType(contentType);
    }
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    return errors(validator.validateResponse(path, Request.Method.valueOf(method), response.build()))
        .map(message -> message.getKey() + ": " + message.getMessage())
        .toList();
  }

  private static java.util.stream.Stream<ValidationReport.Message> errors(ValidationReport report) {
    return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR);
  }

  static String reason(ValidationReport.Message message) {
    String key = message.getKey();
    String text = message.getMessage();
    if (key.endsWith(".schema.required")) {
      Matcher names = QUOTED.matcher(text);
      return names.find() ? "Input " + names.group(1) + " is required" : text;
    }
    if (key.startsWith("validation.request.body")) {
      String field = message.getContext()
          .flatMap(ValidationReport.MessageContext::getPointers)
          .map(ValidationReport.MessageContext.Pointers::getInstance)
          .map(pointer -> pointer.replaceFirst("^/", ""))
          .filter(pointer -> !pointer.isEmpty())
          .orElse(null);
      return field == null ? text : "Input " + field + " is invalid: " + text;
    }
    return text;
  }
}
