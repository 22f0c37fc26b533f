/**
 * Benchmarks and chaos runs, each a {@code main} that prints its figures against a baseline measured in the same
 * run (see BENCHMARKS.md); the chaos run's checks also back {@code ChaosTest}. Not published.
 */
@NullMarked
package dev.ltx4j.bench;

import org.jspecify.annotations.NullMarked;
