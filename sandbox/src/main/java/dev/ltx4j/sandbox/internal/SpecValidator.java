package dev.ltx4j.sandbox.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Checks requests against the project's OpenAPI spec (bundled from {@code openapi/scenario-ltx.yaml}) and turns
 * the first violation into a Scenario-style {@code reason} that names the field, e.g. {@code Input prompt is
 * required}. Authentication is checked elsewhere, so security findings are ignored here.
 */
public final class SpecValidator {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private final OpenApiInteractionValidator validator;

  /** Parsing the spec costs a few hundred milliseconds: every sandbox in a JVM shares one (thread-safe) validator. */
  private static volatile SpecValidator shared;

  /** The JVM's shared validator, made on first use. */
  public static SpecValidator shared() {
    SpecValidator validator = shared;
    if (validator == null) {
      synchronized (SpecValidator.class) {
        if (shared == null) {
          shared = new SpecValidator();
        }
        validator = shared;
      }
    }
    return validator;
  }

  public SpecValidator() {
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec())
        .withBasePathOverride("/v1")
        .build();
  }

  /** The reason the request breaks the spec, or empty when it conforms. */
  public Optional<String> check(String method, HttpUrl url, String contentType, String body) {
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
    ValidationReport report = validator.validateRequest(request.build());
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .filter(message -> !message.getKey().startsWith("validation.request.security"))
        .findFirst()
        .map(SpecValidator::reason);
  }

  static String reason(ValidationReport.Message message) {
    String key = message.getKey();
    String text = message.getMessage();
    if (key.endsWith(".schema.required")) {
      Matcher names = QUOTED.matcher(text);
      return names.find() ? "Input " + names.group(1) + " is required" : text;
    }
    if (key.endsWith(".schema.additionalProperties")) {
      Matcher names = QUOTED.matcher(text);
      return names.find() ? "Input " + names.group(1) + " is not allowed" : text;
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

  private static String spec() {
    try (InputStream in = SpecValidator.class.getResourceAsStream("scenario-ltx.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the bundled OpenAPI spec scenario-ltx.yaml is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
