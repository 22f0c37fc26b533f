package dev.ltx4j.postgres;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of a batch kept in PostgreSQL: claims lines no live worker owns, takes each a generation slot from the
 * shared pool, submits it by the ledger's protocol ({@link LineSubmitter}), waits for its job, saves its video as
 * {@code <out>/line-<n>.mp4} and frees the slot; until every line of the batch is settled. Any number of workers, on
 * any machines, may work on one batch; a worker that dies loses its lines once its heartbeat is older than the
 * timeout, and the next claimer continues them (a line found {@code submitting} is recovered, never resent blindly).
 *
 * <p>The client must draw from the shared request budget ({@link PostgresStore#requestBudget}); its own slot count
 * should not limit submissions (the worker holds the shared seats), e.g. {@code .maxConcurrentJobs(10000)}.
 */
public final class BatchWorker {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

  /** What one run of a worker did. */
  public record Result(String workerId, List<String> batches, int linesDone, int linesFailed) {}

  private final Builder settings;
  private final BatchLedger ledger;
  private final String workerId;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicReference<WorkerCrash> crash = new AtomicReference<>();
  private final List<Thread> rescuers = new ArrayList<>();
  private volatile String working;
  private volatile LineSubmitter submitter;

  private BatchWorker(Builder settings) {
    this.settings = settings;
    this.ledger = settings.store.ledger();
    this.workerId = settings.workerId;
  }

  /** A worker's settings; {@code slots}, {@code out} and {@code decoder} are required. */
  public static Builder builder(PostgresStore store, LtxClient client) {
    return new Builder(store, client);
  }

  /** This worker's id in the ledger. */
  public String id() {
    return workerId;
  }

  /**
   * Works until the batch (or, without one, every open batch of the store) is settled, then leaves the ledger.
   *
   * @throws WorkerCrash when a hook said to die: the worker stopped without leaving, as a killed process would
   */
  public Result run() throws InterruptedException {
    List<String> batches = new ArrayList<>();
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ltx4j-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    try (SlotWaiter waiter = new SlotWaiter(settings.slots, ledger.dataSource(), settings.slotRecheck)) {
      submitter = new LineSubmitter(ledger, settings, workerId, waiter);
      String batch = settings.batchId;
      ledger.register(workerId, batch, settings.host);
      long every = Math.max(50, settings.timeout.toMillis() / 4);
      heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
      while (true) {
        String current = batch != null ? batch : ledger.openBatches().stream().findFirst().orElse(null);
        if (current == null || batches.contains(current) && batch == null) {
          break;
        }
        batches.add(current);
        work(current);
        if (crash.get() != null) {
          throw crash.get();
        }
        if (batch != null) {
          break;
        }
      }
    } finally {
      heartbeat.shutdownNow();
    }
    ledger.leave(workerId);
    return new Result(workerId, batches, done.get(), failed.get());
  }

  private void beat() {
    try {
      if (crash.get() == null) {
        ledger.heartbeat(workerId);
        rescue();
      }
    } catch (RuntimeException e) {
      LOG.warn("Heartbeat failed: {}", e.toString());
    }
  }

  /**
   * Takes over, at each heartbeat, the lines of dead workers that hold a seat or a sent request, each on a thread of
   * its own beside this worker's: they hold seats of the shared ceiling until someone finishes them, and this
   * worker's own threads may all be waiting for a seat.
   */
  private void rescue() {
    synchronized (rescuers) { // work() stops rescues under this lock before it waits for them
      String batchId = working;
      if (batchId == null) {
        return;
      }
      for (BatchLine line : ledger.claimOrphans(batchId, workerId, settings.timeout, settings.threads)) {
        LOG.debug("line {} taken over from a dead worker ({})", line.line(), line.state());
        Thread thread = new Thread(() -> handle(line), "ltx4j-rescue-" + line.line());
        rescuers.add(thread);
        thread.start();
      }
    }
  }

  private void work(String batchId) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    working = batchId;
    for (int i = 0; i < settings.threads; i++) {
      Thread thread = new Thread(() -> loop(batchId), "ltx4j-worker-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    synchronized (rescuers) {
      working = null;
    }
    while (true) {
      Thread rescuer;
      synchronized (rescuers) {
        if (rescuers.isEmpty()) {
          break;
        }
        rescuer = rescuers.remove(0);
      }
      rescuer.join();
    }
  }

  private void loop(String batchId) {
    while (crash.get() == null) {
      Optional<BatchLine> claimed;
      try {
        claimed = ledger.claim(batchId, workerId, settings.timeout);
        if (claimed.isEmpty()) {
          BatchStatus status = ledger.status(batchId).orElseThrow();
          if (status.settled() == status.lines()) {
            return;
          }
          Thread.sleep(settings.idleRecheck.toMillis()); // lines owned by live workers may still come free
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreException e) {
        LOG.warn("The ledger failed: {}; trying again", e.toString());
        pause();
        continue;
      }
      LOG.debug("line {} claimed ({})", claimed.get().line(), claimed.get().state());
      if (!handle(claimed.get())) {
        return;
      }
    }
  }

  /** Takes one line as far as this worker can; false when the worker must stop (crashed or interrupted). */
  private boolean handle(BatchLine line) {
    try {
      switch (submitter.take(line)) {
        case DONE -> done.incrementAndGet();
        case FAILED -> failed.incrementAndGet();
        case LEFT -> { }
      }
      return true;
    } catch (WorkerCrash e) {
      crash.compareAndSet(null, e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      LOG.warn("line {}: {}; leaving it to the next claim", line.line(), e.toString());
      ledger.disown(line, workerId);
      pause();
      return true;
    }
  }

  private void pause() {
    try {
      Thread.sleep(settings.idleRecheck.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The file line {@code line}'s video goes to. */
  public static Path target(Path out, int line) {
    return out.resolve("line-" + line + ".mp4");
  }

  /** Thrown by a {@link Hooks} method to make the worker stop at once, as if its process were killed. */
  public static final class WorkerCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkerCrash(String message) {
      super(message, null, false, false);
    }
  }

  /** Points where tests and chaos runs step in; each does nothing by default. */
  public interface Hooks {
    /** The submission of {@code line} was answered with {@code jobId}; the ledger does not know it yet. */
    default void afterSubmitAnswer(BatchLine line, String jobId) {}

    /** {@code line} was marked submitting (committed); its submission is about to be sent. */
    default void beforeSubmit(BatchLine line) {}
  }

  /** Settings of a {@link BatchWorker}. */
  public static final class Builder {
    final PostgresStore store;
    final LtxClient client;
    PostgresJobSlots slots;
    Path out;
    Function<String, LtxRequest> decoder;
    String batchId;
    int threads = 4;
    Duration timeout = Duration.ofSeconds(30);
    Duration jobDeadline = Duration.ofMinutes(30);
    Duration recoveryGrace = Duration.ofSeconds(30);
    Duration slotRecheck = Duration.ofSeconds(5);
    Duration idleRecheck = Duration.ofSeconds(1);
    Hooks hooks = new Hooks() {};
    String workerId = "worker-" + UUID.randomUUID();
    String host = hostName();

    private Builder(PostgresStore store, LtxClient client) {
      this.store = Objects.requireNonNull(store, "store == null");
      this.client = Objects.requireNonNull(client, "client == null");
    }

    /** The shared generation slots the worker's submissions hold (required). */
    public Builder slots(PostgresJobSlots slots) {
      this.slots = Objects.requireNonNull(slots, "slots == null");
      return this;
    }

    /** Where this worker saves the videos of the lines it finishes (required). */
    public Builder out(Path out) {
      this.out = Objects.requireNonNull(out, "out == null");
      return this;
    }

    /** Reads a line's stored JSON back into a request (required): the same reader that checked the batch file. */
    public Builder decoder(Function<String, LtxRequest> decoder) {
      this.decoder = Objects.requireNonNull(decoder, "decoder == null");
      return this;
    }

    /** The batch to work on; by default every open batch of the store, oldest first. */
    public Builder batchId(String batchId) {
      this.batchId = Objects.requireNonNull(batchId, "batchId == null");
      return this;
    }

    /**
     * Lines this worker has in hand at once (submitting, waiting for a slot or for their job); default 4. Lines it
     * takes over from dead workers, which hold their seats already, are handled beside them.
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1000) {
        throw new IllegalArgumentException("threads " + threads + " is not allowed; allowed: 1 to 1000");
      }
      this.threads = threads;
      return this;
    }

    /**
     * How long after its last heartbeat a worker counts as dead and its lines go to others; default 30 s. The
     * heartbeat beats four times per timeout.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** How long to wait for each job; default 30 minutes. */
    public Builder jobDeadline(Duration deadline) {
      this.jobDeadline = positive("jobDeadline", deadline);
      return this;
    }

    /**
     * How long after a line was sent recovery keeps looking before it concludes that no job came of it and sends
     * it again: time for a request that was on the wire when its sender died to be received; default 30 s.
     */
    public Builder recoveryGrace(Duration grace) {
      this.recoveryGrace = positive("recoveryGrace", grace);
      return this;
    }

    /** How often a waiting worker looks for a free slot without being told of one (a missed notification, an expired seat); default 5 s. */
    public Builder slotRecheck(Duration recheck) {
      this.slotRecheck = positive("slotRecheck", recheck);
      return this;
    }

    /** How often an idle worker looks for lines freed by dead workers; default 1 s. */
    public Builder idleRecheck(Duration recheck) {
      this.idleRecheck = positive("idleRecheck", recheck);
      return this;
    }

    /** Hooks for tests and chaos runs. */
    public Builder hooks(Hooks hooks) {
      this.hooks = Objects.requireNonNull(hooks, "hooks == null");
      return this;
    }

    /** The worker's id in the ledger; default a random one. */
    public Builder workerId(String workerId) {
      this.workerId = Objects.requireNonNull(workerId, "workerId == null");
      return this;
    }

    /** The worker, checked. */
    public BatchWorker build() {
      if (slots == null || out == null || decoder == null) {
        throw new IllegalStateException("BatchWorker needs " + (slots == null ? "slots" : out == null ? "out" : "decoder"));
      }
      return new BatchWorker(this);
    }

    private static Duration positive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " " + value + " must be positive");
      }
      return value;
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName() + " pid " + ProcessHandle.current().pid();
      } catch (UnknownHostException e) {
        return "pid " + ProcessHandle.current().pid();
      }
    }
  }

  static JobSnapshot awaitJob(LtxClient client, String jobId, Duration deadline) {
    return client.await(jobId, WaitOptions.builder().deadline(deadline).build());
  }

  static long download(LtxClient client, JobSnapshot job, Path target) {
    return client.assets().download(job.assetIds().get(0), target, DownloadOptions.defaults().withOverwrite(true));
  }

  static boolean finalFailure(RuntimeException e) {
    return e instanceof JobFailedException || e instanceof JobCanceledException;
  }
}
