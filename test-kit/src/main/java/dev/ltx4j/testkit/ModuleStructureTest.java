package dev.ltx4j.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The rules every module keeps, as tests: a module's {@code ArchitectureTest} extends this (and may add its own over
 * {@link #main}).
 */
public abstract class ModuleStructureTest {
  /** The module's main classes. */
  protected final JavaClasses main = Architecture.mainClasses();

  @Test
  void noTwoClassesDependOnEachOther() {
    Architecture.noLoopsBetweenClasses().check(main);
  }

  @Test
  void noPublicSignatureNamesAnInternalType() {
    Architecture.noInternalTypeInPublicSignatures().check(main);
  }

  @Test
  void onlyTheFacadeUsesTheClientsInternals() {
    Architecture.onlyTheFacadeUsesTheClientsInternals().check(main);
  }
}
