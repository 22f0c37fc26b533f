package dev.ltx4j.spec;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Validates every example of an OpenAPI document (parameters, request and response bodies) against its schema. */
final class SpecExampleChecker {
  private final OpenAPI api;
  private final SchemaValidator validator;
  private final List<String> problems = new ArrayList<>();
  private int checked;

  private SpecExampleChecker(OpenAPI api) {
    this.api = api;
    this.validator = new SchemaValidator(api, new MessageResolver());
  }

  /** Parses the document; parse errors and example mismatches both count as problems. */
  static Result check(Path spec) {
    SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, null);
    if (parsed.getOpenAPI() == null) {
      return new Result(0, List.of("unparseable: " + parsed.getMessages()));
    }
    SpecExampleChecker checker = new SpecExampleChecker(parsed.getOpenAPI());
    checker.problems.addAll(parsed.getMessages());
    checker.checkPaths();
    return new Result(checker.checked, List.copyOf(checker.problems));
  }

  record Result(int examplesChecked, List<String> problems) {}

  private void checkPaths() {
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      String where = method + " " + path;
      if (operation.getParameters() != null) {
        for (Parameter parameter : operation.getParameters()) {
          Parameter resolved = resolveParameter(parameter);
          if (resolved.getExample() != null) {
            validate(where + " parameter " + resolved.getName(), resolved.getExample(), resolved.getSchema());
          }
        }
      }
      if (operation.getRequestBody() != null) {
        checkContent(where + " request", operation.getRequestBody().getContent());
      }
      operation.getResponses().forEach((status, response) ->
          checkContent(where + " " + status, resolveResponse(response).getContent()));
    }));
  }

  private void checkContent(String where, Content content) {
    if (content == null) {
      return;
    }
    content.forEach((mediaType, media) -> {
      if (media.getExample() != null) {
        validate(where + " example", media.getExample(), media.getSchema());
      }
      if (media.getExamples() != null) {
        media.getExamples().forEach((name, example) ->
            validate(where + " example " + name, resolveExample(example).getValue(), media.getSchema()));
      }
    });
  }

  private void validate(String where, Object value, Schema<?> schema) {
    checked++;
    // A plain string (a parameter's example) is passed as it is: the validator quotes it for string schemas.
    String text = value instanceof String string ? string : Json.pretty(value);
    ValidationReport report = validator.validate(text, schema, "example");
    report.getMessages().forEach(message -> problems.add(where + ": " + message.getMessage()));
  }

  private Parameter resolveParameter(Parameter parameter) {
    return parameter.get$ref() == null ? parameter : api.getComponents().getParameters().get(name(parameter.get$ref()));
  }

  private ApiResponse resolveResponse(ApiResponse response) {
    return response.get$ref() == null ? response : api.getComponents().getResponses().get(name(response.get$ref()));
  }

  private Example resolveExample(Example example) {
    if (example.get$ref() == null) {
      return example;
    }
    Map<String, Example> examples = api.getComponents().getExamples();
    return examples.get(name(example.get$ref()));
  }

  private static String name(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
