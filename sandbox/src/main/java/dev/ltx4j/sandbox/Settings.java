package dev.ltx4j.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The sandbox's configuration, fixed at start, as its builder collected it (see there for each setting's meaning).
 *
 * @param seed seeds fault draws and URL signing keys
 * @param idSeed seeds the ids handed out
 * @param phases the running statuses' durations before the time scale, in the order a job passes through them
 */
record Settings(String host, int port, int cdnPort, String apiKey, String apiSecret, long seed, long idSeed,
    Clock clock, double timeScale, List<Duration> phases, Duration urlLifetime, Path cacheDir, int quoteStatus,
    int defaultPageSize, boolean realWorldVariants, boolean checkAnswers, int requestsPerMinute,
    int concurrencyCeiling, boolean workGrowsWithDuration, UnaryOperator<List<Map<String, Object>>> publishedInputs,
    boolean bulkAssetReads) {}
