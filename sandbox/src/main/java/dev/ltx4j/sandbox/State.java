package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.Dialect;
import dev.ltx4j.sandbox.internal.Ids;
import dev.ltx4j.sandbox.internal.JobStore;
import dev.ltx4j.sandbox.internal.Schedule;
import dev.ltx4j.sandbox.internal.SpecValidator;
import dev.ltx4j.sandbox.internal.UploadStore;
import dev.ltx4j.sandbox.internal.UrlSigner;
import dev.ltx4j.sandbox.internal.VideoRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;

/** Everything the listeners share: settings, stores, knobs. */
final class State {
  final Sandbox.Settings settings;
  final Clock clock;
  final Faults faults;
  final RequestRate rate;
  final GenerationLoad load;
  final Counters counters;
  final Refusals refusals = new Refusals();
  final Dialect dialect;
  final Ids ids;
  final JobStore jobs;
  final AssetStore assets = new AssetStore();
  final UploadStore uploads;
  final SpecValidator validator = SpecValidator.shared();
  final UrlSigner signer;
  final VideoRenderer renderer;
  final Path dataDir;
  volatile HttpUrl cdnBase;

  State(Sandbox.Settings settings, VideoRenderer renderer, Path dataDir) {
    this.settings = settings;
    this.clock = settings.clock();
    this.faults = new Faults(settings.seed());
    this.rate = new RequestRate(settings.requestsPerMinute(), settings.timeScale());
    this.load = new GenerationLoad(settings.timeScale());
    this.counters = new Counters(rate, load, clock);
    this.dialect = settings.realWorldVariants() ? Dialect.REAL_WORLD : Dialect.DOCUMENTED;
    this.jobs = new JobStore(dialect);
    this.ids = new Ids(settings.idSeed());
    this.signer = new UrlSigner(("ltx4j-sandbox-" + settings.seed()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    this.renderer = renderer;
    this.dataDir = dataDir;
    this.uploads = new UploadStore(dataDir.resolve("uploads"));
  }

  /** Forgets every job, asset, upload, counter, fault and refusal. */
  void reset() {
    refusals.clear();
    jobs.clear();
    assets.clear();
    uploads.clear();
    counters.clear();
    faults.clear();
  }

  /** The concurrency ceiling in force: the fault's when one is set (it overrides for a test), else the setting's. */
  int concurrencyCeiling() {
    int faulted = faults.concurrencyLimit();
    return faulted > 0 ? faulted : settings.concurrencyCeiling();
  }

  Instant now() {
    return clock.instant();
  }

  /** A new job's timeline: the configured phase durations times the time scale. */
  Schedule schedule() {
    List<Duration> scaled = settings.phases().stream().map(this::scaled).toList();
    return new Schedule(scaled, null);
  }

  /** The schedule of a generation of a {@code seconds}-long video. */
  Schedule schedule(int seconds) {
    Schedule schedule = schedule();
    return settings.workGrowsWithDuration() ? schedule.withWork(seconds / 6.0) : schedule;
  }

  Duration scaled(Duration duration) {
    return Duration.ofNanos(Math.round(duration.toNanos() * settings.timeScale()));
  }

  /** A signed CDN URL for a path, valid for the configured (or faulted) lifetime. */
  HttpUrl signed(String path) {
    return signer.sign(cdnBase, path, now().plus(faults.effectiveUrlLifetime(settings.urlLifetime())));
  }
}
