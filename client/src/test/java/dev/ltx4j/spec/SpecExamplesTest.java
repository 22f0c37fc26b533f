package dev.ltx4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpecExamplesTest {
  private static final Path SPEC = Path.of(System.getProperty("ltx4j.spec", "../openapi/scenario-ltx.yaml"));

  @Test
  void everyExampleInTheSpecMatchesItsSchema() {
    SpecExampleChecker.Result result = SpecExampleChecker.check(SPEC);

    assertThat(result.problems()).isEmpty();
    assertThat(result.examplesChecked()).as("examples found in the spec").isGreaterThanOrEqualTo(30);
  }

  @Test
  void aWrongExampleIsReportedWithItsLocation() throws URISyntaxException {
    Path drifted = Path.of(getClass().getResource("/spec/wrong-example.yaml").toURI());

    SpecExampleChecker.Result result = SpecExampleChecker.check(drifted);

    assertThat(result.problems())
        .anySatisfy(problem -> assertThat(problem).contains("POST /generate", "tooLong", "duration"))
        .anySatisfy(problem -> assertThat(problem).contains("GET /jobs/{jobId} 200 example bogusStatus", "status"));
  }
}
