/**
 * The HTTP stack: OkHttp and Retrofit set up with credentials only for the API host, timeouts, response size limits,
 * and the knowledge of whether a failed request may have reached the server.
 */
@NullMarked
package dev.ltx4j.internal.http;

import org.jspecify.annotations.NullMarked;
