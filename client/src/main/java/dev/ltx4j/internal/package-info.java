/**
 * Not API: the client's workings, free to change in any release. Public types here exist only because the public
 * package or another ltx4j module (the CLI, the sandbox) needs them. This package itself holds id checks and the
 * reading of job statuses, used by the sub-packages.
 */
@NullMarked
package dev.ltx4j.internal;

import org.jspecify.annotations.NullMarked;
