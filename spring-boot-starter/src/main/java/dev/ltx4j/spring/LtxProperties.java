package dev.ltx4j.spring;

import dev.ltx4j.LtxClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code ltx4j.*} settings of the {@link LtxClient} bean. Unset values keep the client builder's defaults;
 * credentials not set here come from {@code SCENARIO_SDK_API_KEY} / {@code SCENARIO_SDK_API_SECRET}.
 */
@ConfigurationProperties("ltx4j")
public class LtxProperties {
  /** The API root; must be HTTPS unless it is a loopback address. */
  private String baseUrl = "https://api.cloud.scenario.com/v1";
  /** The Scenario project to act in; by default the API key's own (or SCENARIO_PROJECT_ID). */
  private @Nullable String projectId;
  /** The API key; by default the environment variable SCENARIO_SDK_API_KEY. */
  private @Nullable String apiKey;
  /** The API secret; by default the environment variable SCENARIO_SDK_API_SECRET. */
  private @Nullable String apiSecret;
  /** Time allowed to connect, per attempt. */
  private Duration connectTimeout = Duration.ofSeconds(10);
  /** Time allowed between bytes of a response, per attempt. */
  private Duration readTimeout = Duration.ofSeconds(60);
  /** Time allowed for one whole attempt of an API call; downloads are not bound by it. */
  private Duration callTimeout = Duration.ofMinutes(2);
  /** Time allowed for an operation with all its retries. */
  private Duration operationTimeout = Duration.ofMinutes(5);
  /** How many times a failed call may be retried (0 to 10); a paid submission only when provably unsent. */
  private int maxRetries = 2;
  /** The largest successful API answer read, after decompression. */
  private DataSize maxResponseBytes = DataSize.ofMegabytes(16);
  /** The most API requests a minute the client sends (Scenario allows a project about 100); ignored when a RequestBudget bean exists. */
  private int requestsPerMinute = 90;
  /** The most generations the team runs at once, when known; unset, the client learns it from the service's first refusal. */
  private @Nullable Integer maxConcurrentJobs;
  /** How long a submission may wait for a free generation slot before it fails, unsent. */
  private Duration maxSlotWait = Duration.ofMinutes(30);
  /** Where the request budget and generation slots are kept: "local" (this process) or "postgres" (the application's DataSource, shared by every instance; needs ltx4j-postgres and ltx4j.max-concurrent-jobs). */
  private String coordination = "local";

  private final Sandbox sandbox = new Sandbox();
  private final Metrics metrics = new Metrics();
  private final Tracing tracing = new Tracing();

  /** An in-process sandbox of the API instead of Scenario's (needs ltx4j-sandbox on the class path): for tests. */
  public static class Sandbox {
    /** Whether the client talks to an in-process sandbox (no credentials, no cost); @LtxSandbox sets it in tests. */
    private boolean enabled;
    /** Multiplies the sandbox's job phases; 0.1 runs jobs ten times faster. */
    private double timeScale = 1.0;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public double getTimeScale() {
      return timeScale;
    }

    public void setTimeScale(double timeScale) {
      this.timeScale = timeScale;
    }
  }

  /** Micrometer meters (needs ltx4j-micrometer and a MeterRegistry bean). */
  public static class Metrics {
    /** Whether the client's meters are bound to the application's MeterRegistry. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** OpenTelemetry spans (needs ltx4j-opentelemetry and an OpenTelemetry bean). */
  public static class Tracing {
    /** Whether each generation is traced as a span, over the HTTP spans of OpenTelemetry's OkHttp instrumentation when present. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  public String getCoordination() {
    return coordination;
  }

  public void setCoordination(String coordination) {
    this.coordination = coordination;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public @Nullable String getProjectId() {
    return projectId;
  }

  public void setProjectId(@Nullable String projectId) {
    this.projectId = projectId;
  }

  public @Nullable String getApiKey() {
    return apiKey;
  }

  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  public @Nullable String getApiSecret() {
    return apiSecret;
  }

  public void setApiSecret(@Nullable String apiSecret) {
    this.apiSecret = apiSecret;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public Duration getOperationTimeout() {
    return operationTimeout;
  }

  public void setOperationTimeout(Duration operationTimeout) {
    this.operationTimeout = operationTimeout;
  }

  public int getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  public DataSize getMaxResponseBytes() {
    return maxResponseBytes;
  }

  public void setMaxResponseBytes(DataSize maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  public int getRequestsPerMinute() {
    return requestsPerMinute;
  }

  public void setRequestsPerMinute(int requestsPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
  }

  public @Nullable Integer getMaxConcurrentJobs() {
    return maxConcurrentJobs;
  }

  public void setMaxConcurrentJobs(@Nullable Integer maxConcurrentJobs) {
    this.maxConcurrentJobs = maxConcurrentJobs;
  }

  public Duration getMaxSlotWait() {
    return maxSlotWait;
  }

  public void setMaxSlotWait(Duration maxSlotWait) {
    this.maxSlotWait = maxSlotWait;
  }

  public Sandbox getSandbox() {
    return sandbox;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Tracing getTracing() {
    return tracing;
  }

  @Override
  public String toString() {
    return "LtxProperties{baseUrl=" + baseUrl + ", projectId=" + projectId + ", credentials=redacted}";
  }
}
