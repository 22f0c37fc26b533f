package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.IRequest;
import dev.ltx4j.contract.SpecCheck.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every interaction of the written pact file agrees with the OpenAPI spec, request and response; those with storage
 * rather than the API stay outside it.
 */
class PactConformsToSpecIT {
  @Test
  void everyInteractionAgreesWithTheSpec() {
    List<Finding> findings = SpecCheck.ofProjectSpec().checkPact(PactFiles.pact());

    assertThat(SpecCheck.unexpected(findings)).isEmpty();
  }

  @Test
  void theInteractionsLeftOutAreStorageRequestsWithoutApiCredentials() {
    List<IRequest> outside = DefaultPactReader.INSTANCE.loadPact(PactFiles.pact().toFile()).getInteractions()
        .stream()
        .filter(interaction -> SpecCheck.OUTSIDE_THE_API.contains(interaction.getDescription()))
        .map(interaction -> interaction.asSynchronousRequestResponse().getRequest())
        .toList();

    assertThat(outside).hasSameSizeAs(SpecCheck.OUTSIDE_THE_API).allSatisfy(request -> {
      assertThat(request.getPath()).doesNotStartWith("/v1/");
      assertThat(request.getHeaders().keySet()).noneMatch(name -> name.equalsIgnoreCase("Authorization"));
    });
  }

  @Test
  void theRequestsThatAreInvalidOnPurposeAreInvalidForTheSpecToo() {
    Map<String, Set<String>> found = SpecCheck.ofProjectSpec().checkPact(PactFiles.pact()).stream()
        .filter(finding -> SpecCheck.INVALID_ON_PURPOSE.containsKey(finding.interaction()))
        .collect(Collectors.groupingBy(Finding::interaction, Collectors.mapping(Finding::key, Collectors.toSet())));

    assertThat(found).isEqualTo(SpecCheck.INVALID_ON_PURPOSE);
  }
}
