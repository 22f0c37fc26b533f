/**
 * The request and response models, generated at build time from {@code openapi/} (see {@code generator-config/});
 * public because callers read them through {@link dev.ltx4j.JobSnapshot#job()} and {@link dev.ltx4j.Assets#get}.
 */
@NullMarked
package dev.ltx4j.model;

import org.jspecify.annotations.NullMarked;
