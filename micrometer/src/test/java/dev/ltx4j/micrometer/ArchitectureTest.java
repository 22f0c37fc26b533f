package dev.ltx4j.micrometer;

import dev.ltx4j.testkit.ModuleStructureTest;

class ArchitectureTest extends ModuleStructureTest {}
