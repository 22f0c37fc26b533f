package dev.ltx4j.contract;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks requests and responses against {@code openapi/scenario-ltx.yaml}, read strictly: an object schema that
 * does not allow other properties explicitly allows only those it names, so a field the spec does not know (a
 * renamed one, say) is reported rather than ignored.
 */
final class SpecCheck {
  /** One disagreement between an interaction and the spec. */
  record Finding(String interaction, String key, String message) {
    @Override
    public String toString() {
      return "'" + interaction + "': " + key + ": " + message;
    }
  }

  /**
   * Interactions that send an invalid request on purpose, to pin how the service refuses it, and the one
   * disagreement each is meant to show.
   */
  static final Map<String, Set<String>> INVALID_ON_PURPOSE =
      Map.of("a generation without a prompt", Set.of("validation.request.body.schema.required"));

  /**
   * Interactions with storage rather than the API: a part PUT to the presigned URL an upload hands out. The spec
   * describes the API's paths only, so they are left out of the check (PactConformsToSpecIT checks that they stay
   * outside the API and carry no API credentials).
   */
  static final Set<String> OUTSIDE_THE_API = Set.of("a part of a multipart upload sent to its URL");

  private final OpenApiInteractionValidator validator;

  SpecCheck(OpenAPI spec) {
    // Through text, so that the validator resolves the spec's references (shared responses among them) itself.
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(Json.pretty(spec)).build();
  }

  /** The project's spec, read strictly. */
  static SpecCheck ofProjectSpec() {
    return new SpecCheck(strict(read(specPath())));
  }

  static Path specPath() {
    String configured = System.getProperty("ltx4j.spec");
    Path path = configured != null ? Path.of(configured) : Path.of("..", "openapi", "scenario-ltx.yaml");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no OpenAPI spec at " + path.toAbsolutePath());
    }
    return path;
  }

  static OpenAPI read(Path spec) {
    OpenAPI api = new OpenAPIV3Parser().read(spec.toString());
    if (api == null) {
      throw new IllegalStateException("cannot parse " + spec);
    }
    return api;
  }

  /** Forbids unnamed properties in every object schema that does not say whether it allows them. */
  static OpenAPI strict(OpenAPI api) {
    api.getComponents().getSchemas().values().forEach(SpecCheck::close);
    return api;
  }

  /** Every finding for every request/response interaction of a pact file but those {@link #OUTSIDE_THE_API}. */
  List<Finding> checkPact(Path pactFile) {
    List<Finding> findings = new ArrayList<>();
    for (Interaction interaction : DefaultPactReader.INSTANCE.loadPact(pactFile.toFile()).getInteractions()) {
      if (OUTSIDE_THE_API.contains(interaction.getDescription())) {
        continue;
      }
      SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
      if (http == null) {
        findings.add(new Finding(interaction.getDescription(), "not-http", "only HTTP interactions are expected"));
        continue;
      }
      findings.addAll(check(interaction.getDescription(), PactRequest.of(http.getRequest()),
          PactResponse.of(http.getResponse())));
    }
    return findings;
  }

  /** The findings for one request and its response. */
  List<Finding> check(String interaction, Request request, Response response) {
    return findings(interaction, validator.validate(request, response));
  }

  /** The findings for a request alone. */
  List<Finding> checkRequest(String name, Request request) {
    return findings(name, validator.validateRequest(request));
  }

  /** The findings for a response alone, to {@code method path}. */
  List<Finding> checkResponse(String name, Request.Method method, String path, Response response) {
    return findings(name, validator.validateResponse(path, method, response));
  }

  private static List<Finding> findings(String interaction, ValidationReport report) {
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .map(message -> new Finding(interaction, message.getKey(), message.getMessage()))
        .toList();
  }

  /** The findings that are not meant to be there. */
  static List<Finding> unexpected(List<Finding> findings) {
    return findings.stream()
        .filter(finding -> !INVALID_ON_PURPOSE.getOrDefault(finding.interaction(), Set.of()).contains(finding.key()))
        .toList();
  }

  @SuppressWarnings("rawtypes")
  private static void close(Schema schema) {
    if (schema == null || schema.get$ref() != null) {
      return;
    }
    if (schema.getProperties() != null) {
      if (schema.getAdditionalProperties() == null) {
        schema.setAdditionalProperties(false);
      }
      for (Object property : schema.getProperties().values()) {
        close((Schema) property);
      }
    }
    close(schema.getItems());
    if (schema.getAdditionalProperties() instanceof Schema values) {
      close(values);
    }
  }
}
