package dev.ltx4j;

import dev.ltx4j.testkit.ModuleStructureTest;

class ArchitectureTest extends ModuleStructureTest {}
