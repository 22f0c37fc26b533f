package dev.ltx4j.opentelemetry;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The open generation spans, found by job id, asset id, or, for a submission's own request, as the oldest one being
 * sent (the request names no job yet: with several submissions in flight at once, one may sit under another's span
 * of the same kind).
 */
final class Generations implements LtxObserver {
  static final String SPAN_NAME = "ltx4j.generation";
  /** A submitted job nobody awaits: its span is ended after this long without news. */
  private static final Duration UNATTENDED = Duration.ofHours(1);

  private final Tracer tracer;
  private final Duration downloadGrace;
  private final Map<String, Generation> byJob = new ConcurrentHashMap<>();
  private final Map<String, Generation> byAsset = new ConcurrentHashMap<>();
  private final Deque<Generation> sending = new ConcurrentLinkedDeque<>();
  private final ThreadLocal<Generation> downloading = new ThreadLocal<>();
  private final ScheduledExecutorService timer;

  Generations(Tracer tracer, Duration downloadGrace) {
    this.tracer = tracer;
    this.downloadGrace = downloadGrace;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "ltx4j-tracing");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  private final class Generation {
    final Span span;
    final Set<String> assets = ConcurrentHashMap.newKeySet();
    final AtomicBoolean ended = new AtomicBoolean();
    volatile @Nullable String jobId;
    volatile @Nullable ScheduledFuture<?> idle;

    Generation(Span span) {
      this.span = span;
    }

    synchronized void endAfter(Duration delay) {
      if (idle != null) {
        idle.cancel(false);
      }
      if (!ended.get()) {
        idle = timer.schedule(this::end, delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    void fail(Throwable error) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
      end();
    }

    void end() {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      synchronized (this) {
        if (idle != null) {
          idle.cancel(false);
        }
      }
      sending.remove(this);
      String job = jobId;
      if (job != null) {
        byJob.remove(job, this);
      }
      assets.forEach(asset -> byAsset.remove(asset, this));
      span.end();
    }
  }

  @Override
  public SubmissionObserver submitting(String modelId) {
    Span span = tracer.spanBuilder(SPAN_NAME).setSpanKind(SpanKind.INTERNAL)
        .setAttribute("ltx4j.model", modelId).startSpan();
    Generation generation = new Generation(span);
    sending.add(generation);
    return new SubmissionObserver() {
      @Override
      public void accepted(JobSnapshot job, double creativeUnits) {
        sending.remove(generation);
        String jobId = job.id().orElseThrow();
        generation.jobId = jobId;
        span.setAttribute("ltx4j.job.id", jobId);
        if (!Double.isNaN(creativeUnits)) {
          span.setAttribute("ltx4j.creative_units", creativeUnits);
        }
        span.addEvent("submitted");
        byJob.put(jobId, generation);
        generation.endAfter(UNATTENDED);
      }

      @Override
      public void failed(Throwable error) {
        generation.fail(error);
      }
    };
  }

  @Override
  public void waitSucceeded(JobSnapshot job) {
    Generation generation = job.id().map(byJob::get).orElse(null);
    if (generation == null) {
      return;
    }
    generation.span.setAttribute("ltx4j.job.status", "success");
    generation.span.addEvent("finished");
    List<String> assets = job.assetIds();
    if (assets.isEmpty()) {
      generation.end();
      return;
    }
    generation.assets.addAll(assets);
    assets.forEach(asset -> byAsset.put(asset, generation));
    generation.endAfter(downloadGrace);
  }

  @Override
  public void waitFailed(String jobId, Throwable error) {
    Generation generation = byJob.get(jobId);
    if (generation != null) {
      generation.fail(error);
    }
  }

  @Override
  public void downloadStarted(String assetId) {
    Generation generation = byAsset.get(assetId);
    if (generation != null) {
      downloading.set(generation);
      generation.span.addEvent("download started");
    }
  }

  @Override
  public void downloadEnded(String assetId, long bytes) {
    downloading.remove();
    Generation generation = byAsset.remove(assetId);
    if (generation == null) {
      return;
    }
    generation.assets.remove(assetId);
    generation.span.setAttribute("ltx4j.download.bytes", bytes);
    if (generation.assets.isEmpty()) {
      generation.end();
    } else {
      generation.endAfter(downloadGrace);
    }
  }

  @Override
  public void downloadFailed(String assetId, Throwable error) {
    downloading.remove();
    Generation generation = byAsset.get(assetId);
    if (generation != null) {
      generation.fail(error);
    }
  }

  /** The context a request is sent in: its generation's span current, or null when it belongs to none. */
  @Nullable Context contextOf(Request request) {
    Generation generation = downloading.get();
    if (generation == null) {
      generation = fromPath(request);
    }
    return generation == null || generation.ended.get() ? null : Context.current().with(generation.span);
  }

  private @Nullable Generation fromPath(Request request) {
    List<String> segments = request.url().pathSegments();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      String next = i + 1 < segments.size() ? segments.get(i + 1) : null;
      if (next != null && segment.equals("jobs")) {
        return byJob.get(next);
      }
      if (next != null && segment.equals("assets")) {
        return byAsset.get(next);
      }
      if (segment.equals("generate") && request.method().equals("POST")) {
        return sending.peekFirst();
      }
    }
    return null;
  }

  void close() {
    sending.forEach(Generation::end);
    byJob.values().forEach(Generation::end);
    byAsset.values().forEach(Generation::end);
    timer.shutdownNow();
  }
}
