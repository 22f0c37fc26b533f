package dev.ltx4j.batch;

/**
 * A line to record in a new batch.
 *
 * @param line its number in the batch file
 * @param request its request as JSON, read back by the workers' decoder
 * @param requestKey {@link RequestKey#of} the decoded request: equal for equal requests
 * @param estimate what its generation is expected to cost (a quote), in creative units; 0 when unknown
 */
public record NewLine(int line, String request, String requestKey, double estimate) {}
