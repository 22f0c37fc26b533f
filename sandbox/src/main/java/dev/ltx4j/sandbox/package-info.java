/**
 * The sandbox: an offline, stateful simulator of Scenario's API for LTX 2.3 Fast, for tests ({@link
 * dev.ltx4j.sandbox.SandboxExtension}), the CLI's {@code --sandbox} and standalone serving ({@link
 * dev.ltx4j.sandbox.SandboxMain}). Its public surface is {@link dev.ltx4j.sandbox.Sandbox} with its builder, seeding
 * ({@link dev.ltx4j.sandbox.SeedJob}, {@link dev.ltx4j.sandbox.JobState}), faults and counters; the request handlers
 * are package-private. It writes its answers itself and checks them against the bundled spec: it does not see the
 * service through the client's models.
 */
@NullMarked
package dev.ltx4j.sandbox;

import org.jspecify.annotations.NullMarked;
