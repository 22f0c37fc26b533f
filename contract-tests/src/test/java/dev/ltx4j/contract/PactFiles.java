package dev.ltx4j.contract;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the consumer tests wrote the pact between ltx4j-client and scenario-api. */
final class PactFiles {
  private PactFiles() {}

  static Path pact() {
    Path dir = Path.of(System.getProperty("ltx4j.pactDir", "target/pacts"));
    Path file = dir.resolve(Contract.CONSUMER + "-" + Contract.PROVIDER + ".json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no pact file at " + file.toAbsolutePath() + ": the consumer tests write it");
    }
    return file;
  }
}
