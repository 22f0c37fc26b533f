package dev.ltx4j.opentelemetry;

import dev.ltx4j.testkit.ModuleStructureTest;

class ArchitectureTest extends ModuleStructureTest {}
