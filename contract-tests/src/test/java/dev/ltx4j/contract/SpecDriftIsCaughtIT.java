package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltx4j.contract.SpecCheck.Finding;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec check notices drift: a field renamed in a copy of the pact, or in a copy of the spec. */
class SpecDriftIsCaughtIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void reportsAResponseFieldRenamedInThePact() throws IOException {
    Path drifted = driftedPact("a read of a job that succeeded", "/response/body/content/job/metadata",
        "assetIds", "assetIDs");

    List<Finding> findings = SpecCheck.unexpected(SpecCheck.ofProjectSpec().checkPact(drifted));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.interaction()).isEqualTo("a read of a job that succeeded");
      assertThat(finding.key()).startsWith("validation.response.body");
      assertThat(finding.message()).contains("assetIDs");
    });
  }

  @Test
  void reportsARequestFieldRenamedInThePact() throws IOException {
    Path drifted = driftedPact("a text-to-video generation with the reference request", "/request/body/content",
        "aspectRatio", "aspect_ratio");

    List<Finding> findings = SpecCheck.unexpected(SpecCheck.ofProjectSpec().checkPact(drifted));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.interaction()).isEqualTo("a text-to-video generation with the reference request");
      assertThat(finding.key()).startsWith("validation.request.body");
      assertThat(finding.message()).contains("aspect_ratio");
    });
  }

  @Test
  void reportsEveryInteractionThatUsesAFieldRenamedInTheSpec() {
    OpenAPI spec = SpecCheck.strict(SpecCheck.read(SpecCheck.specPath()));
    rename(spec.getComponents().getSchemas().get("Job"), "jobId", "job_id");

    List<Finding> findings = SpecCheck.unexpected(new SpecCheck(spec).checkPact(PactFiles.pact()));

    assertThat(findings).extracting(Finding::interaction)
        .contains("a text-to-video generation with the reference request", "a read of a job that succeeded",
            "a list of jobs one to a page");
    assertThat(findings).allSatisfy(finding -> assertThat(finding.message()).contains("jobId"));
  }

  private Path driftedPact(String interaction, String objectPath, String field, String renamed) throws IOException {
    JsonNode pact = JSON.readTree(PactFiles.pact().toFile());
    ObjectNode holder = null;
    for (JsonNode candidate : pact.get("interactions")) {
      if (candidate.get("description").asText().equals(interaction)) {
        holder = (ObjectNode) candidate.at(objectPath);
      }
    }
    assertThat(holder).as(interaction + objectPath).isNotNull();
    assertThat(holder.has(field)).as(field + " in " + interaction).isTrue();
    holder.set(renamed, holder.remove(field));
    Path copy = dir.resolve("drifted.json");
    JSON.writeValue(copy.toFile(), pact);
    return copy;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void rename(Schema schema, String field, String renamed) {
    Map<String, Schema> properties = schema.getProperties();
    properties.put(renamed, properties.remove(field));
  }
}
