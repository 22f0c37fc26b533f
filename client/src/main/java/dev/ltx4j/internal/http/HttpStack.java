package dev.ltx4j.internal.http;

import dev.ltx4j.internal.api.AssetsApi;
import dev.ltx4j.internal.api.GenerateApi;
import dev.ltx4j.internal.api.JobsApi;
import dev.ltx4j.internal.api.ModelsApi;
import dev.ltx4j.internal.api.TeamsApi;
import dev.ltx4j.internal.api.UploadsApi;
import dev.ltx4j.internal.json.Json;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** The OkHttp client and the generated Retrofit interfaces, set up once per ltx4j client. */
public final class HttpStack implements AutoCloseable {
  private final OkHttpClient http;
  private final Call.Factory calls;
  private final boolean ownsClient;
  private final GenerateApi generate;
  private final JobsApi jobs;
  private final AssetsApi assets;
  private final UploadsApi uploads;
  private final TransferApi transfers;
  private final TeamsApi teams;
  private final ModelsApi models;
  private final InterruptWatch interrupts = new InterruptWatch();

  /**
   * @param base a caller's client to share a pool and dispatcher with, or null for our own
   * @param maxResponseBytes the largest successful API answer read, after decompression
   */
  public HttpStack(HttpUrl baseUrl, Credentials credentials, @Nullable OkHttpClient base, Timeouts timeouts,
      long maxResponseBytes) {
    this(baseUrl, credentials, base, timeouts, maxResponseBytes, client -> client);
  }

  /**
   * @param callFactory wraps the finished OkHttp client (ltx4j's interceptors in place) into the factory every
   *     request goes through: OpenTelemetry's OkHttp instrumentation, for one
   */
  public HttpStack(HttpUrl baseUrl, Credentials credentials, @Nullable OkHttpClient base, Timeouts timeouts,
      long maxResponseBytes, Function<? super OkHttpClient, ? extends Call.Factory> callFactory) {
    this.ownsClient = base == null;
    OkHttpClient.Builder builder = (base == null ? new OkHttpClient() : base).newBuilder()
        // OkHttp would silently resend a request on some connection failures, a paid POST included; on a redirect
        // (Redirects follows those it may); and on a 401 to a caller's client with an authenticator.
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .authenticator(Authenticator.NONE)
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", UserAgent.VALUE).build()))
        .addInterceptor(SendTracking.APPLICATION)
        .addInterceptor(new ResponseLimits(maxResponseBytes, credentials))
        .addInterceptor(Redirects.INSTANCE)
        .addNetworkInterceptor(SendTracking.NETWORK)
        .addNetworkInterceptor(NoSilentResend.INSTANCE)
        .addNetworkInterceptor(new ApiHostAuthInterceptor(baseUrl, credentials));
    if (timeouts.connect() != null) {
      builder.connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS);
    }
    if (timeouts.read() != null) {
      builder.readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS);
    }
    this.http = builder.build();
    if (ownsClient) {
      http.dispatcher().setMaxRequestsPerHost(32);
    }
    this.calls = java.util.Objects.requireNonNull(callFactory.apply(http), "callFactory returned null");
    Retrofit retrofit = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .callFactory(calls)
        .addConverterFactory(new GuardedConverters(MoshiConverterFactory.create(Json.moshi())))
        .build();
    this.generate = retrofit.create(GenerateApi.class);
    this.jobs = retrofit.create(JobsApi.class);
    this.assets = retrofit.create(AssetsApi.class);
    this.uploads = retrofit.create(UploadsApi.class);
    this.transfers = retrofit.create(TransferApi.class);
    this.teams = retrofit.create(TeamsApi.class);
    this.models = retrofit.create(ModelsApi.class);
  }

  public OkHttpClient http() {
    return http;
  }

  /** What every request goes through: the client above, or what the builder's call factory made of it. */
  public Call.Factory calls() {
    return calls;
  }

  public GenerateApi generate() {
    return generate;
  }

  public JobsApi jobs() {
    return jobs;
  }

  public AssetsApi assets() {
    return assets;
  }

  public UploadsApi uploads() {
    return uploads;
  }

  public TransferApi transfers() {
    return transfers;
  }

  public TeamsApi teams() {
    return teams;
  }

  public ModelsApi models() {
    return models;
  }

  /** What ends a blocking request when its thread is interrupted. */
  public InterruptWatch interrupts() {
    return interrupts;
  }

  /**
   * Stops the interrupt watch, and closes the connections and the dispatcher's threads when they are ltx4j's own.
   * A caller's client keeps its pool: its other calls are not ltx4j's to end.
   */
  @Override
  public void close() {
    interrupts.close();
    if (ownsClient) {
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
