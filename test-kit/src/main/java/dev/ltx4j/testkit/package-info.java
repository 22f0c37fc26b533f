/** What the modules' tests share: {@link dev.ltx4j.testkit.TestClock} and {@link dev.ltx4j.testkit.Architecture}. */
@NullMarked
package dev.ltx4j.testkit;

import org.jspecify.annotations.NullMarked;
