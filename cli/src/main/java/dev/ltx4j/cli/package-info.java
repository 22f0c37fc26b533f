/**
 * The {@code ltx4j} command line: picocli commands over the public client, one class per command, with the shared
 * pieces (request options and their mapping, waiting, saving, the batch journal and lock, output and exit codes)
 * beside them. Only the public API and the few {@code internal} types the CLI must share with the client are used.
 */
@NullMarked
package dev.ltx4j.cli;

import org.jspecify.annotations.NullMarked;
