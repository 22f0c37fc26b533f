/**
 * Moving bytes: image uploads (direct or multipart), resumable checked downloads written through a temporary file,
 * and the naming rule for a job's files shared with the CLI.
 */
@NullMarked
package dev.ltx4j.internal.transfer;

import org.jspecify.annotations.NullMarked;
