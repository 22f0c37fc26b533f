package dev.ltx4j.sandbox;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.Dialect;
import dev.ltx4j.sandbox.internal.Ids;
import dev.ltx4j.sandbox.internal.JobStore;
import dev.ltx4j.sandbox.internal.NoDelaySockets;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.Schedule;
import dev.ltx4j.sandbox.internal.SpecValidator;
import dev.ltx4j.sandbox.internal.UploadStore;
import dev.ltx4j.sandbox.internal.UrlSigner;
import dev.ltx4j.sandbox.internal.VideoRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * An offline, stateful simulator of Scenario's API for LTX 2.3 Fast, on two loopback listeners: the API (Basic
 * auth, requests checked against the OpenAPI spec, jobs that advance in time) and a CDN (signed, expiring URLs to
 * real MP4s). Start one with {@code Sandbox.builder().start()}, point a client at {@link #baseUrl()} (or take
 * {@link #newClient()}), and close it when done. Thread-safe.
 */
public final class Sandbox implements AutoCloseable {
  /** The API key the sandbox accepts unless configured otherwise. */
  public static final String DEFAULT_API_KEY = "sandbox-key";
  /** The API secret the sandbox accepts unless configured otherwise. */
  public static final String DEFAULT_API_SECRET = "sandbox-secret";
  /**
   * The request rate Scenario is said to allow a project, per minute (second-hand): the standalone sandbox's
   * default, see {@link Builder#requestsPerMinute(int)}.
   */
  public static final int SERVICE_REQUESTS_PER_MINUTE = 100;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sandbox.class);

  private final Settings settings;
  private final Faults faults;
  private final Counters counters;
  private final Reset reset;
  private final Seeding seeding;
  private final ProviderStates providerStates;
  private final Path dataDir;
  private final HttpUrl cdnBase;
  private final MockWebServer api = new MockWebServer();
  private final MockWebServer cdn = new MockWebServer();
  private final ExecutorService renderPool;

  /** Makes the parts and joins them: each handler gets the stores, knobs and settings it needs, nothing more. */
  private Sandbox(Settings settings) throws IOException {
    this.settings = settings;
    this.renderPool = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "ltx4j-sandbox-render");
      thread.setDaemon(true);
      return thread;
    });
    this.dataDir = Files.createTempDirectory("ltx4j-sandbox-");
    Clock clock = settings.clock();
    Timeline timeline = new Timeline(clock, settings.phases(), settings.timeScale(), settings.workGrowsWithDuration());
    this.faults = new Faults(settings.seed());
    RequestRate rate = new RequestRate(settings.requestsPerMinute(), settings.timeScale());
    GenerationLoad load = new GenerationLoad(settings.timeScale());
    this.counters = new Counters(rate, load, clock);
    Refusals refusals = new Refusals();
    Dialect dialect = settings.realWorldVariants() ? Dialect.REAL_WORLD : Dialect.DOCUMENTED;
    JobStore jobs = new JobStore(dialect);
    AssetStore assets = new AssetStore();
    UploadStore uploads = new UploadStore(dataDir.resolve("uploads"));
    Ids ids = new Ids(settings.idSeed());
    UrlSigner signer = new UrlSigner(("ltx4j-sandbox-" + settings.seed()).getBytes(StandardCharsets.UTF_8));
    Videos videos = new Videos(new VideoRenderer(settings.cacheDir(), renderPool, clock));
    Images images = new Images(dataDir.resolve("assets"), clock, assets);
    Ceiling ceiling = new Ceiling(faults, settings.concurrencyCeiling());
    this.reset = new Reset(refusals, jobs, assets, uploads, counters, faults);
    this.seeding = new Seeding(jobs, assets, uploads, videos, images, clock);
    this.providerStates = new ProviderStates(reset, seeding, faults, refusals, clock);

    InetAddress loopback = InetAddress.getByName(settings.host());
    cdn.setBodyLimit(BodyLimits.CDN_PART); // larger bodies are drained, not kept, and answered 413
    cdn.setDispatcher(draining(cdn, new CdnDispatcher(Prelude.cdn(counters, rate, faults, clock), signer, assets,
        uploads, faults, counters, clock)));
    cdn.setServerSocketFactory(new NoDelaySockets()); // else each answer waits ~40 ms for a delayed ACK
    cdn.start(loopback, settings.cdnPort());
    this.cdnBase = url(settings.host(), cdn.getPort(), "/");

    CdnLinks links = new CdnLinks(signer, cdnBase, clock, faults, settings.urlLifetime());
    ApiDispatcher.Handlers handlers = new ApiDispatcher.Handlers(
        new Generations(jobs, assets, videos, ids, timeline, faults, ceiling, counters, load, dialect,
            settings.quoteStatus()),
        new JobRoutes(jobs, dialect, clock, settings.defaultPageSize()),
        new AssetRoutes(assets, images, ids, links, dialect),
        new UploadRoutes(uploads, images, ids, links, timeline, dialect),
        new TeamRoutes(ceiling),
        settings.publishedInputs());
    api.setBodyLimit(BodyLimits.API);
    api.setDispatcher(draining(api, new ApiDispatcher(
        Prelude.api(counters, rate, faults, clock, settings.apiKey(), settings.apiSecret()),
        new Admin(counters, reset), handlers, refusals, counters, clock, SpecValidator.shared(),
        settings.checkAnswers(),
        settings.bulkAssetReads() ? Set.of() : Set.of(Endpoint.GET_ASSETS_BULK))));
    api.setServerSocketFactory(new NoDelaySockets());
    api.start(loopback, settings.port());
  }

  /** Returns a builder with the defaults described in the module README. */
  public static Builder builder() {
    return new Builder();
  }

  /** The API base URL to give a client, e.g. {@code http://127.0.0.1:41234/v1}. */
  public String baseUrl() {
    return url(settings.host(), api.getPort(), "/v1").toString();
  }

  /** The CDN listener's root, e.g. {@code http://127.0.0.1:41235/}; asset URLs point here. */
  public String cdnUrl() {
    return cdnBase.toString();
  }

  /** The API key the sandbox accepts. */
  public String apiKey() {
    return settings.apiKey();
  }

  /** The API secret the sandbox accepts. */
  public String apiSecret() {
    return settings.apiSecret();
  }

  /** A client builder already pointed at this sandbox with its credentials; add settings and build. */
  public LtxClientBuilder clientBuilder() {
    return LtxClient.builder().baseUrl(baseUrl()).apiKey(apiKey()).apiSecret(apiSecret());
  }

  /** A new client for this sandbox; the caller closes it. */
  public LtxClient newClient() {
    return clientBuilder().build();
  }

  /** The fault knobs; changes apply to the next request. */
  public Faults faults() {
    return faults;
  }

  /** What the sandbox has seen; also at {@code GET /_admin/counters}. */
  public Counters counters() {
    return counters;
  }

  /**
   * Forgets every job, asset, upload, counter, fault and refusal a provider state set up (rendered videos stay
   * cached on disk).
   */
  public void reset() {
    reset.run();
  }

  /**
   * Adds a job in a fixed status (and the video assets it names, when it succeeded); replaces one with its id. A
   * succeeded job's videos are readable when this returns: it waits for their files (seconds on a cold cache).
   */
  public Sandbox seedJob(SeedJob job) {
    seeding.job(job);
    return this;
  }

  /** Adds a video asset (6 s, 25 fps, 16:9) under this id, readable when this returns (see {@link #seedJob}). */
  public Sandbox seedVideoAsset(String assetId) {
    seeding.videoAsset(assetId);
    return this;
  }

  /** Adds an image asset (a small PNG) under this id, e.g. a first frame for image-to-video. */
  public Sandbox seedImageAsset(String assetId) {
    seeding.imageAsset(assetId);
    return this;
  }

  /**
   * Resets the sandbox, then sets up a provider state by the name the contract tests give it: {@code job <id>
   * succeeded}, {@code job <id> is queued}, {@code job <id> is in progress [at 0.42]}, {@code job <id> failed},
   * {@code job <id> was canceled}, {@code jobs <id> and <id> exist}, {@code images <id> and <id> are uploaded},
   * {@code the team runs <n> generations, its concurrency limit}, {@code there are more jobs than one page},
   * {@code upload <id> of one part was started}, {@code upload <id> has received its one part},
   * {@code upload <id> was imported as asset <id>}, {@code asset <id> is a generated video},
   * {@code assets <id> and <id> are generated videos},
   * {@code the API key and secret are not recognised} and {@code job <id> does not exist} (nothing to set up),
   * {@code the API key cannot access protected resources} (every call answers 403),
   * {@code the project's request rate is used up for <n> seconds} (every call answers 429 with
   * {@code remainingSeconds} for that long).
   *
   * @throws IllegalArgumentException for a state the sandbox does not know
   */
  public void applyState(String providerState) {
    providerStates.apply(providerState);
  }

  /** Stops both listeners and deletes uploaded files. */
  @Override
  public void close() {
    api.close();
    cdn.close();
    renderPool.shutdownNow();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Temporary files only: leaving them is harmless.
    }
  }

  @Override
  public String toString() {
    return "Sandbox{baseUrl=" + baseUrl() + ", cdnUrl=" + cdnUrl() + '}';
  }

  /** A URL naming the configured address (MockWebServer's own URLs say {@code localhost}). */
  private static HttpUrl url(String host, int port, String path) {
    return new HttpUrl.Builder().scheme("http").host(host).port(port).encodedPath(path).build();
  }

  /** MockWebServer keeps every request for tests to take; a long-running sandbox must not. */
  private static Dispatcher draining(MockWebServer server, Dispatcher delegate) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
          // dropped
        }
        try {
          return delegate.dispatch(request);
        } catch (RuntimeException e) {
          LOG.error("The sandbox failed on {} {}", request.getMethod(), request.getUrl().encodedPath(), e);
          return Responses.message(500, "Sandbox error: " + e);
        }
      }
    };
  }

  /** Names the render cache folder, before {@link #VIDEO_CACHE_ENV}. */
  public static final String VIDEO_CACHE_PROPERTY = "ltx4j.sandbox.videoCache";
  /** Names the render cache folder when {@link #VIDEO_CACHE_PROPERTY} is not set. */
  public static final String VIDEO_CACHE_ENV = "LTX4J_SANDBOX_VIDEO_CACHE";

  static Path defaultVideoCache() {
    String configured = System.getProperty(VIDEO_CACHE_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(VIDEO_CACHE_ENV);
    }
    return configured == null || configured.isBlank()
        // one folder per user: the temp folder is shared, and another user's renders are not readable
        ? Path.of(System.getProperty("java.io.tmpdir"), "ltx4j-sandbox-" + userName(), "videos")
        : Path.of(configured);
  }

  private static String userName() {
    return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Configures a {@link Sandbox}; every setting has a default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int cdnPort;
    private String apiKey = DEFAULT_API_KEY;
    private String apiSecret = DEFAULT_API_SECRET;
    private @Nullable Long seed;
    private Clock clock = Clock.systemUTC();
    private double timeScale = 1.0;
    private final Duration[] phases = {Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(500),
        Duration.ofSeconds(3), Duration.ofMillis(500)};
    private Duration urlLifetime = Duration.ofHours(24);
    private Path cacheDir = defaultVideoCache();
    private int quoteStatus = 269;
    private int defaultPageSize = 20;
    private boolean realWorldVariants;
    private boolean checkAnswers = true;
    private boolean workGrowsWithDuration;
    private boolean bulkAssetReads = true;
    private int requestsPerMinute;
    private int concurrencyCeiling;
    private java.util.function.UnaryOperator<List<Map<String, Object>>> publishedInputs = inputs -> inputs;

    private Builder() {}

    /** The API listener's port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The CDN listener's port; 0 (the default) picks a free one. */
    public Builder cdnPort(int port) {
      this.cdnPort = port;
      return this;
    }

    /** The address to listen on; default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The credentials the API accepts; default {@value #DEFAULT_API_KEY} / {@value #DEFAULT_API_SECRET}. */
    public Builder credentials(String apiKey, String apiSecret) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
      this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret == null");
      return this;
    }

    /**
     * Seeds ids, fault draws and URL signing keys. Unset, fault draws and keys use 42 and ids are drawn afresh, so
     * that two sandboxes (a restarted one, two demo runs) never hand out the same job id.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The clock jobs and URL expiry follow; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Multiplies every job phase (and upload validation); 0.1 is ten times faster; default 1. */
    public Builder timeScale(double timeScale) {
      if (!(timeScale >= 0)) {
        throw new IllegalArgumentException("timeScale " + timeScale + " must be 0 or more");
      }
      this.timeScale = timeScale;
      return this;
    }

    /**
     * How long new jobs spend in a running status before the time scale: defaults pending 0.2 s, queued 0.5 s,
     * warming-up 0.5 s, in-progress 3 s, finalizing 0.5 s. A job succeeds only once its video is rendered too.
     */
    public Builder phase(JobState status, Duration duration) {
      int index = Schedule.RUNNING.indexOf(status);
      if (index < 0) {
        throw new IllegalArgumentException(status + " is not a running status");
      }
      phases[index] = Objects.requireNonNull(duration, "duration == null");
      return this;
    }

    /** How long signed asset URLs stay valid; default 24 h. */
    public Builder urlLifetime(Duration lifetime) {
      this.urlLifetime = Objects.requireNonNull(lifetime, "lifetime == null");
      return this;
    }

    /**
     * Where rendered videos are cached. Default: the system property {@value #VIDEO_CACHE_PROPERTY}, else the
     * environment variable {@value #VIDEO_CACHE_ENV}, else {@code <tmp>/ltx4j-sandbox-<user>/videos} (shared by every
     * sandbox on the machine; builds point their tests elsewhere so that each run starts cold).
     */
    public Builder videoCache(Path dir) {
      this.cacheDir = Objects.requireNonNull(dir, "dir == null");
      return this;
    }

    /**
     * The HTTP status of a dry-run quote: 269 (default), as Scenario's own integration saw every dry run answered;
     * 200 or 402 as other sources report.
     */
    public Builder quoteStatus(int status) {
      this.quoteStatus = status;
      return this;
    }

    /** The page size of {@code GET /v1/jobs} without {@code pageSize}; default 20. */
    public Builder defaultPageSize(int size) {
      this.defaultPageSize = size;
      return this;
    }

    /**
     * Answers in the variant forms Scenario's guides, help pages and clients show instead of the documented ones
     * (default false): {@code id} instead of {@code jobId}; {@code failed} and {@code cancelled} instead of
     * {@code failure} and {@code canceled}; progress on 0..100; one {@code metadata.assetId} instead of
     * {@code metadata.assetIds}; {@code ""} as the last page's {@code nextPaginationToken}; pagination tokens in
     * padded base64 holding {@code +} and {@code /}; timestamps without milliseconds. Quotes keep
     * {@link #quoteStatus(int)}.
     */
    public Builder realWorldVariants(boolean realWorldVariants) {
      this.realWorldVariants = realWorldVariants;
      return this;
    }

    /**
     * Whether every API answer is checked against the spec before it is sent (default true); one that breaks it is
     * replaced by a 500 naming the violation. The check costs about half a millisecond of CPU per answer, which
     * only a benchmark polling thousands of times a second needs to save.
     */
    public Builder checkAnswers(boolean checkAnswers) {
      this.checkAnswers = checkAnswers;
      return this;
    }

    /**
     * The project's request rate: at most this many API calls (the CDN is not metered) in any sliding window of
     * one sandbox minute, which is 60 s × {@link #timeScale(double)} on the clock, so a scale of 0.1 allows ten
     * times as many calls per real minute; at scale 0 nothing is metered. A call over it answers {@code 429
     * {"reason": …, "remainingSeconds": n}}, n the clock seconds until a call would be admitted, rounded up. Only
     * admitted calls count against the window. Default 0, no limit: tests and demos poll freely;
     * {@link SandboxMain} and {@code ltx4j sandbox} start with the service's {@value #SERVICE_REQUESTS_PER_MINUTE}.
     */
    public Builder requestsPerMinute(int requests) {
      if (requests < 0) {
        throw new IllegalArgumentException("requestsPerMinute " + requests + " must be 0 (no limit) or more");
      }
      this.requestsPerMinute = requests;
      return this;
    }

    /**
     * The team's concurrency ceiling: while this many generation jobs run, a new generation answers {@code 429
     * {"reason": "Too many concurrent jobs", "details": {"actionName": "generate", "actionLimit": n}}}. Default 0,
     * no ceiling. {@link Faults#concurrencyLimit(int)}, when set, overrides it until cleared.
     */
    public Builder concurrencyCeiling(int jobs) {
      if (jobs < 0) {
        throw new IllegalArgumentException("concurrencyCeiling " + jobs + " must be 0 (no ceiling) or more");
      }
      this.concurrencyCeiling = jobs;
      return this;
    }

    /**
     * Whether a generation's in-progress phase grows with the video it makes, as a real model's work does: the
     * phase's length is for a 6 s video, and a 10 s one takes 10/6 of it. Default false: every job takes the same.
     */
    public Builder workGrowsWithDuration(boolean grows) {
      this.workGrowsWithDuration = grows;
      return this;
    }

    /**
     * Whether {@code POST /v1/assets/get-bulk} is served (default true). When false it answers {@code 404
     * {"reason": "Not found: POST /v1/assets/get-bulk"}} as any unknown path does, the way a service without the
     * endpoint would, and still counts under {@link Endpoint#GET_ASSETS_BULK}: to test a client's fallback to one
     * {@code GET /v1/assets/{id}} per asset, or to measure those reads as a baseline.
     */
    public Builder bulkAssetReads(boolean served) {
      this.bulkAssetReads = served;
      return this;
    }

    /**
     * Changes the model description {@code GET /v1/models/model_ltx-2-3-fast} answers with, which the sandbox
     * otherwise makes from the bundled spec's request schema (one input per property: name, type, allowed values
     * or range, default, length, required). {@code edit} gets those inputs (mutable maps, in the spec's order) and
     * returns the ones to publish: a drifted model, for testing a check of the spec against the service.
     */
    public Builder publishedInputs(java.util.function.UnaryOperator<List<Map<String, Object>>> edit) {
      this.publishedInputs = Objects.requireNonNull(edit, "edit == null");
      return this;
    }

    /** Starts both listeners. */
    public Sandbox start() {
      long idSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
      Settings settings = new Settings(host, port, cdnPort, apiKey, apiSecret, seed != null ? seed : 42, idSeed,
          clock, timeScale,
          List.of(phases), urlLifetime, cacheDir, quoteStatus, defaultPageSize, realWorldVariants, checkAnswers,
          requestsPerMinute, concurrencyCeiling, workGrowsWithDuration, publishedInputs, bulkAssetReads);
      try {
        return new Sandbox(settings);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the sandbox", e);
      }
    }
  }
}
