package dev.ltx4j;

import dev.ltx4j.internal.call.CallRunner;
import dev.ltx4j.internal.http.Credentials;
import dev.ltx4j.internal.http.HttpStack;
import dev.ltx4j.internal.http.Loopback;
import dev.ltx4j.internal.http.Timeouts;
import dev.ltx4j.internal.limits.InMemoryJobSlots;
import dev.ltx4j.internal.limits.PermitQueue;
import dev.ltx4j.internal.limits.SlidingWindowBudget;
import dev.ltx4j.internal.limits.SubmissionGate;
import dev.ltx4j.internal.observe.Events;
import dev.ltx4j.internal.ops.ClientSettings;
import dev.ltx4j.internal.ops.Operations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link LtxClient}. Only the credentials are required. {@link #fromEnv()} reads them, the base URL
 * and the project from the environment; system properties override environment variables:
 *
 * <table>
 *   <caption>Settings read by {@code fromEnv()}</caption>
 *   <tr><th>setting</th><th>environment variable</th><th>system property</th></tr>
 *   <tr><td>API key</td><td>{@code SCENARIO_SDK_API_KEY}</td><td>{@code scenario.sdk.apiKey}</td></tr>
 *   <tr><td>API secret</td><td>{@code SCENARIO_SDK_API_SECRET}</td><td>{@code scenario.sdk.apiSecret}</td></tr>
 *   <tr><td>base URL</td><td>{@code LTX4J_BASE_URL}</td><td>{@code ltx4j.baseUrl}</td></tr>
 *   <tr><td>project</td><td>{@code SCENARIO_PROJECT_ID}</td><td>{@code scenario.projectId}</td></tr>
 *   <tr><td>requests per minute</td><td>{@code LTX4J_REQUESTS_PER_MINUTE}</td><td>{@code ltx4j.requestsPerMinute}</td></tr>
 *   <tr><td>generation ceiling</td><td>{@code LTX4J_MAX_CONCURRENT_JOBS}</td><td>{@code ltx4j.maxConcurrentJobs}</td></tr>
 * </table>
 */
public final class LtxClientBuilder {
  static final String KEY_ENV = "SCENARIO_SDK_API_KEY";
  static final String SECRET_ENV = "SCENARIO_SDK_API_SECRET";
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
  static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;
  static final int DEFAULT_REQUESTS_PER_MINUTE = 90;

  private @Nullable String apiKey;
  private @Nullable String apiSecret;
  private String baseUrl = LtxClient.DEFAULT_BASE_URL;
  private @Nullable String projectId;
  private @Nullable Duration connectTimeout;
  private @Nullable Duration readTimeout;
  private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
  private Duration operationTimeout = Duration.ofMinutes(5);
  private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
  private int maxRetries = 2;
  private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
  private @Nullable RequestBudget requestBudget;
  private int maxConcurrentJobs;
  private @Nullable JobSlots jobSlots;
  private Duration maxSlotWait = Duration.ofMinutes(30);
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.system();
  private @Nullable OkHttpClient okHttpClient;
  private Function<? super OkHttpClient, ? extends Call.Factory> callFactory = client -> client;
  private final List<LtxObserver> observers = new ArrayList<>();

  LtxClientBuilder() {}

  /**
   * Reads credentials, base URL, project, request budget and generation ceiling from system properties, else
   * environment variables, where set.
   */
  public LtxClientBuilder fromEnv() {
    setting("scenario.sdk.apiKey", KEY_ENV).ifPresent(this::apiKey);
    setting("scenario.sdk.apiSecret", SECRET_ENV).ifPresent(this::apiSecret);
    setting("ltx4j.baseUrl", "LTX4J_BASE_URL").ifPresent(this::baseUrl);
    setting("scenario.projectId", "SCENARIO_PROJECT_ID").ifPresent(this::projectId);
    setting("ltx4j.requestsPerMinute", "LTX4J_REQUESTS_PER_MINUTE")
        .ifPresent(value -> requestsPerMinute(number("requestsPerMinute", value)));
    setting("ltx4j.maxConcurrentJobs", "LTX4J_MAX_CONCURRENT_JOBS")
        .ifPresent(value -> maxConcurrentJobs(number("maxConcurrentJobs", value)));
    return this;
  }

  /** The API key from the project settings' API keys. */
  public LtxClientBuilder apiKey(String apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
    return this;
  }

  /** The API secret that goes with the key. */
  public LtxClientBuilder apiSecret(String apiSecret) {
    this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret == null");
    return this;
  }

  /** The API root; default {@value LtxClient#DEFAULT_BASE_URL}. Must be HTTPS unless it is a loopback address. */
  public LtxClientBuilder baseUrl(String baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    return this;
  }

  /** The project to act in; by default the API key's own. */
  public LtxClientBuilder projectId(String projectId) {
    this.projectId = Objects.requireNonNull(projectId, "projectId == null");
    return this;
  }

  /** Time allowed to connect, per attempt; default 10 s on ltx4j's own OkHttp client. */
  public LtxClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive("connectTimeout", timeout);
    return this;
  }

  /** Time allowed between bytes of a response, per attempt; default 60 s on ltx4j's own OkHttp client. */
  public LtxClientBuilder readTimeout(Duration timeout) {
    this.readTimeout = positive("readTimeout", timeout);
    return this;
  }

  /**
   * Time allowed for one whole attempt of an API call, from connecting to the last byte of the answer; default 2
   * minutes, so that a server trickling its answer cannot hold a call for ever. Downloads are not bound by it.
   */
  public LtxClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = positive("callTimeout", timeout);
    return this;
  }

  /**
   * Time allowed for an operation with all its retries: a call still running then is canceled, and no retry is
   * started past it; default 5 minutes.
   */
  public LtxClientBuilder operationTimeout(Duration timeout) {
    this.operationTimeout = positive("operationTimeout", timeout);
    return this;
  }

  /**
   * The largest successful API answer read, counted after decompression; default 16 MiB, far above any job list.
   * A larger one fails with {@link ResponseTooLargeException} instead of filling the heap. Error answers are read
   * up to 64 KiB whatever this says, and downloads are not bound by it.
   */
  public LtxClientBuilder maxResponseBytes(long bytes) {
    if (bytes < 1024) {
      throw new ConfigurationException("maxResponseBytes " + bytes + " is not allowed; allowed: 1024 or more");
    }
    this.maxResponseBytes = bytes;
    return this;
  }

  /** How many times a failed call may be retried (0 to 10); default 2. */
  public LtxClientBuilder maxRetries(int maxRetries) {
    if (maxRetries < 0 || maxRetries > 10) {
      throw new ConfigurationException("maxRetries " + maxRetries + " is not allowed; allowed: 0 to 10");
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /**
   * The most API requests per minute this client sends, all calls and retries together (not the CDN); default 90,
   * below the roughly 100 a minute Scenario allows a project. When requests wait, paid submissions and asset reads
   * go first, polls last. Ignored when {@link #requestBudget(RequestBudget)} is set.
   */
  public LtxClientBuilder requestsPerMinute(int requestsPerMinute) {
    if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
      throw new ConfigurationException(
          "requestsPerMinute " + requestsPerMinute + " is not allowed; allowed: 1 to 1000000");
    }
    this.requestsPerMinute = requestsPerMinute;
    return this;
  }

  /**
   * A request budget to draw from instead of one of this client's own: share one between the clients of a project
   * (in one process, another client's {@link LtxClient#requestBudget()}; across processes, one over a shared store).
   */
  public LtxClientBuilder requestBudget(RequestBudget budget) {
    this.requestBudget = Objects.requireNonNull(budget, "budget == null");
    return this;
  }

  /**
   * The most generations the team runs at once (its concurrency ceiling), when known; by default the client learns
   * it from the first submission the service refuses for it. Submissions beyond it wait for a job to finish.
   */
  public LtxClientBuilder maxConcurrentJobs(int jobs) {
    if (jobs < 1 || jobs > 100_000) {
      throw new ConfigurationException("maxConcurrentJobs " + jobs + " is not allowed; allowed: 1 to 100000");
    }
    this.maxConcurrentJobs = jobs;
    return this;
  }

  /** Generation slots to share with other clients (across processes, over a shared store); default this client's. */
  public LtxClientBuilder jobSlots(JobSlots slots) {
    this.jobSlots = Objects.requireNonNull(slots, "slots == null");
    return this;
  }

  /**
   * How long a submission may wait for a free generation slot before it fails with {@link NoFreeSlotException},
   * unsent; default 30 minutes. The operation timeout starts when it is sent. Zero: never wait, a submission the
   * service refuses for the ceiling fails at once with its {@link RateLimitException}.
   */
  public LtxClientBuilder maxSlotWait(Duration wait) {
    Objects.requireNonNull(wait, "wait == null");
    if (wait.isNegative()) {
      throw new ConfigurationException("maxSlotWait " + wait + " must not be negative");
    }
    this.maxSlotWait = wait;
    return this;
  }

  /** The clock for deadlines and {@code Retry-After} dates; tests pass a virtual one. */
  public LtxClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /** What waits between retries and polls; tests pass a virtual one. */
  public LtxClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    return this;
  }

  /** An OkHttp client to share (proxies, TLS, pools); ltx4j adds its interceptors to a derived copy. */
  public LtxClientBuilder okHttpClient(OkHttpClient okHttpClient) {
    this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
    return this;
  }

  /**
   * Wraps the OkHttp client ltx4j has set up (its interceptors in place) into the {@link Call.Factory} every API,
   * upload and download request goes through, as Retrofit's {@code callFactory} would take it. This is where
   * OpenTelemetry's OkHttp instrumentation plugs in: {@code callFactory(OkHttpTelemetry.create(otel)::createCallFactory)}.
   * The function is called once, in {@link #build()}. Credentials are added by a network interceptor for the API
   * host only; do not configure the instrumentation to capture the {@code Authorization} header.
   */
  public LtxClientBuilder callFactory(Function<? super OkHttpClient, ? extends Call.Factory> callFactory) {
    this.callFactory = Objects.requireNonNull(callFactory, "callFactory == null");
    return this;
  }

  /**
   * Adds an observer that hears every request, retry, budget wait, submission, job wait and download of the client,
   * for metrics and traces; may be called more than once, and every observer hears every event.
   */
  public LtxClientBuilder observer(LtxObserver observer) {
    observers.add(Objects.requireNonNull(observer, "observer == null"));
    return this;
  }

  /**
   * Returns the client.
   *
   * @throws ConfigurationException when credentials are missing or the base URL is not HTTPS (nor loopback)
   */
  public LtxClient build() {
    if (apiKey == null || apiKey.isBlank() || apiSecret == null || apiSecret.isBlank()) {
      throw new ConfigurationException("No Scenario API credentials: set the environment variables " + KEY_ENV
          + " and " + SECRET_ENV + ", or call LtxClient.builder().apiKey(…).apiSecret(…)");
    }
    HttpUrl url = checkedBaseUrl(baseUrl);
    ClientSettings settings = new ClientSettings(url, projectId, operationTimeout);
    Timeouts timeouts = okHttpClient == null
        ? new Timeouts(or(connectTimeout, Duration.ofSeconds(10)), or(readTimeout, Duration.ofSeconds(60)))
        : new Timeouts(connectTimeout, readTimeout);
    HttpStack stack = new HttpStack(url, Credentials.basic(apiKey, apiSecret), okHttpClient, timeouts, maxResponseBytes,
        callFactory);
    Events events = Events.of(observers);
    RequestBudget budget = requestBudget != null ? requestBudget
        : new SlidingWindowBudget(requestsPerMinute, Duration.ofMinutes(1));
    CallRunner runner = new CallRunner(clock, sleeper, maxRetries, callTimeout, new PermitQueue(budget, clock, sleeper),
        stack.interrupts()).observe(events);
    JobSlots slots = jobSlots != null ? jobSlots : new InMemoryJobSlots();
    SubmissionGate gate = new SubmissionGate(slots, maxConcurrentJobs, clock, sleeper, maxSlotWait);
    return new LtxClient(new Operations(settings, stack, runner, gate, sleeper), events, budget, slots);
  }

  @Override
  public String toString() {
    return "LtxClientBuilder{baseUrl=" + withoutUserInfo(baseUrl) + ", projectId=" + projectId + ", credentials="
        + (apiKey == null ? "unset" : "redacted") + '}';
  }

  private static HttpUrl checkedBaseUrl(String text) {
    HttpUrl url = HttpUrl.parse(text.endsWith("/") ? text : text + "/");
    if (url == null) {
      throw new ConfigurationException("baseUrl '" + withoutUserInfo(text) + "' is not an http(s) URL");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new ConfigurationException("baseUrl '" + withoutUserInfo(text) + "' carries a user name or password:"
          + " give the API key and secret with apiKey(…) / apiSecret(…) or the environment instead");
    }
    if (!url.isHttps() && !Loopback.is(url.host())) {
      throw new ConfigurationException("baseUrl '" + text
          + "' is not HTTPS: credentials may only travel in clear text to a loopback address (localhost, 127.0.0.1, ::1)");
    }
    return url;
  }

  /** The URL with anything between {@code //} and {@code @} replaced, so that no password is ever printed. */
  static @Nullable String withoutUserInfo(@Nullable String url) {
    return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1…@");
  }

  private static java.util.Optional<String> setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " '" + value + "' is not a whole number");
    }
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException(name + " " + value + " must be positive");
    }
    return value;
  }

  private static Duration or(@Nullable Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }
}
