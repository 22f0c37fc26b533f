package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The written pact holds exactly the interactions and provider states the module's README documents. */
class PactFileIT {
  private static final Pattern FIRST_CELL = Pattern.compile("^\\| `?([^`|]+?)`? \\|");

  private final Pact pact = DefaultPactReader.INSTANCE.loadPact(PactFiles.pact().toFile());

  @Test
  void namesTheConsumerAndTheProvider() {
    assertThat(pact.getConsumer().getName()).isEqualTo(Contract.CONSUMER);
    assertThat(pact.getProvider().getName()).isEqualTo(Contract.PROVIDER);
  }

  @Test
  void holdsExactlyTheDocumentedInteractions() throws IOException {
    Set<String> written = new TreeSet<>(pact.getInteractions().stream().map(Interaction::getDescription).toList());

    assertThat(written).hasSize(pact.getInteractions().size()).isEqualTo(readmeTable("## Interactions"));
  }

  @Test
  void usesExactlyTheDocumentedProviderStates() throws IOException {
    List<Interaction> interactions = pact.getInteractions();
    Set<String> used = interactions.stream().flatMap(interaction -> interaction.getProviderStates().stream())
        .map(ProviderState::getName).collect(Collectors.toCollection(TreeSet::new));

    assertThat(used).isEqualTo(readmeTable("## Provider states"));
  }

  /** The first cells of the table under {@code heading} in contract-tests/README.md. */
  private static Set<String> readmeTable(String heading) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("ltx4j.readme", "README.md")));
    Set<String> cells = new TreeSet<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.equals(heading);
      } else if (inSection && line.startsWith("| ") && !line.startsWith("|---")) {
        Matcher cell = FIRST_CELL.matcher(line);
        if (cell.find() && !cell.group(1).equals("interaction") && !cell.group(1).equals("state")) {
          cells.add(cell.group(1));
        }
      }
    }
    return cells;
  }
}
