package dev.ltx4j.cli;

import dev.ltx4j.testkit.ModuleStructureTest;

class ArchitectureTest extends ModuleStructureTest {}
