package dev.ltx4j.postgres;

import dev.ltx4j.testkit.ModuleStructureTest;

class ArchitectureTest extends ModuleStructureTest {}
