package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.contract.SpecCheck.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every interaction of the written pact file agrees with the OpenAPI spec, request and response. */
class PactConformsToSpecIT {
  @Test
  void everyInteractionAgreesWithTheSpec() {
    List<Finding> findings = SpecCheck.ofProjectSpec().checkPact(PactFiles.pact());

    assertThat(SpecCheck.unexpected(findings)).isEmpty();
  }

  @Test
  void theRequestsThatAreInvalidOnPurposeAreInvalidForTheSpecToo() {
    Map<String, Set<String>> found = SpecCheck.ofProjectSpec().checkPact(PactFiles.pact()).stream()
        .filter(finding -> SpecCheck.INVALID_ON_PURPOSE.containsKey(finding.interaction()))
        .collect(Collectors.groupingBy(Finding::interaction, Collectors.mapping(Finding::key, Collectors.toSet())));

    assertThat(found).isEqualTo(SpecCheck.INVALID_ON_PURPOSE);
  }
}
