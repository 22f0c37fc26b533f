package dev.ltx4j.postgres;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ltx4j.testkit.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses main = Architecture.mainClasses();

  @Test
  void noTwoClassesDependOnEachOther() {
    Architecture.noLoopsBetweenClasses().check(main);
  }

  @Test
  void noPublicSignatureNamesAnInternalType() {
    Architecture.noInternalTypeInPublicSignatures().check(main);
  }

  @Test
  void nothingUsesTheClientsInternals() {
    Architecture.noUseOfTheClientsInternals().check(main);
  }
}
