package dev.ltx4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.ltx4j.model.JobResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordAdapterFactoryTest {
  private static final Path SPEC = Path.of(System.getProperty("ltx4j.spec", "../openapi/scenario-ltx.yaml"));
  /** The same Moshi without the factory: its own record adapter. */
  private static final Moshi MOSHIS_OWN = new Moshi.Builder()
      .add(java.time.OffsetDateTime.class, OffsetDateTimeAdapter.INSTANCE)
      .add(new TolerantEnumFactory())
      .build();

  private record Sample(Class<?> type, String json) {}

  @Test
  void readsAndWritesEveryDocumentedBodyExactlyAsMoshisOwnRecordAdapter() throws Exception {
    List<Sample> samples = documentedBodies();
    assertThat(samples).as("documented bodies of model types").hasSizeGreaterThanOrEqualTo(15);
    for (Sample sample : samples) {
      JsonAdapter<Object> ours = Json.moshi().adapter((Class<Object>) sample.type());
      JsonAdapter<Object> theirs = MOSHIS_OWN.adapter((Class<Object>) sample.type());
      assertThat(ours.toString()).contains("JsonAdapter(" + sample.type().getName());

      Object read = ours.fromJson(sample.json());
      assertThat(read).as(sample.json()).isEqualTo(theirs.fromJson(sample.json()));
      assertThat(ours.toJson(read)).isEqualTo(theirs.toJson(read));
    }
  }

  @Test
  void skipsUnknownFieldsAndReadsNullAsNull() throws IOException {
    JsonAdapter<JobResponse> adapter = Json.moshi().adapter(JobResponse.class);

    JobResponse job = adapter.fromJson(
        "{\"future\": {\"nested\": [1, 2]}, \"job\": {\"jobId\": \"job_1\", \"extra\": true, \"status\": \"queued\"}}");

    assertThat(job.job().jobId()).isEqualTo("job_1");
    assertThat(adapter.fromJson("null")).isNull();
    assertThat(adapter.fromJson("{}").job()).isNull();
  }

  @SuppressWarnings("unchecked")
  private static List<Sample> documentedBodies() {
    OpenAPI api = new OpenAPIV3Parser().read(SPEC.toString());
    List<Sample> samples = new ArrayList<>();
    api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
      List<Content> contents = new ArrayList<>();
      if (operation.getRequestBody() != null) {
        contents.add(operation.getRequestBody().getContent());
      }
      operation.getResponses().values().forEach(response -> contents.add(response.getContent()));
      for (Content content : contents) {
        if (content == null) {
          continue;
        }
        for (MediaType media : content.values()) {
          Class<?> type = modelType(media.getSchema());
          if (type == null) {
            continue;
          }
          if (media.getExample() != null) {
            samples.add(new Sample(type, io.swagger.v3.core.util.Json.pretty(media.getExample())));
          }
          if (media.getExamples() != null) {
            media.getExamples().values().stream()
                .map(example -> example.get$ref() == null ? example
                    : api.getComponents().getExamples().get(name(example.get$ref())))
                .filter(example -> example.getValue() != null)
                .forEach(example -> samples.add(
                    new Sample(type, io.swagger.v3.core.util.Json.pretty(example.getValue()))));
          }
        }
      }
    }));
    return samples;
  }

  private static Class<?> modelType(Schema<?> schema) {
    if (schema == null || schema.get$ref() == null) {
      return null;
    }
    try {
      Class<?> type = Class.forName("dev.ltx4j.model." + name(schema.get$ref()));
      return type.isRecord() ? type : null;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static String name(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
