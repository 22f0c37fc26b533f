package dev.ltx4j.spring;

import dev.ltx4j.LtxClientBuilder;
import java.util.function.Supplier;

/** Builders pointed at the sandbox bean; a type of the starter's own, so that no bean method names an optional class. */
@FunctionalInterface
interface SandboxTarget extends Supplier<LtxClientBuilder> {}
