package dev.ltx4j.sandbox;

import dev.ltx4j.testkit.Architecture;
import dev.ltx4j.testkit.ModuleStructureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ModuleStructureTest {
  @Test
  void noStaticFieldCanChange() {
    Architecture.noStaticMutableFields().check(main);
  }

  @Test
  void onlyTheEntryPointsHoldTheFacade() {
    Architecture.onlyEntryPointsUse(Sandbox.class.getName(), SandboxMain.class.getName(),
        SandboxExtension.class.getName()).check(main);
  }
}
