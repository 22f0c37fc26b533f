/** Not API: the generated Retrofit support classes (written by the build from the spec). */
@NullMarked
package dev.ltx4j.internal.invoker;

import org.jspecify.annotations.NullMarked;
