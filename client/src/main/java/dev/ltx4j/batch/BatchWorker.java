package dev.ltx4j.batch;

import dev.ltx4j.JobListener;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Sleeper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of a batch: claims lines no live worker owns, takes each to its video by the batch protocol
 * ({@link LineRunner}: a seat, the fenced mark, the paid request, the job recorded, awaited and saved as
 * {@code <out>/line-<n>.mp4}), until the batch is settled. Any number of workers, on any machines sharing the store,
 * may work on one batch; a worker that dies loses its lines when its lease lapses, and the next claimer continues
 * them (a line found marked but without a job is recovered, never sent again blindly). Its lease is renewed only
 * while its lines make progress. A refusal of the account (402, a key refused) stops the batch's spending for every
 * worker at once.
 *
 * <pre>{@code
 * try (JournalStore store = JournalStore.open(folder)) {
 *   store.create("batch-1", "prompts.jsonl", lines, null);
 *   BatchWorker.Result result = BatchWorker.builder(store, client).out(folder).decoder(myDecoder).build().run();
 * }
 * }</pre>
 */
public final class BatchWorker {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

  /** How a line ended for this worker. */
  public enum LineOutcome {
    /** Its video is saved. */
    DONE,
    /** Its job failed or was canceled, or its request was refused for good. */
    FAILED,
    /** Recovery cannot tell which job is the line's; a person must. */
    UNRESOLVED,
    /** Its job finished, but its video could not be saved; the line stays open for a later run. */
    NOT_SAVED,
    /** This worker left it to another claim (it passed to another worker, or could not go on now). */
    LEFT,
    /** The batch stopped sending (an account refusal, its spending cap) before the line was sent. */
    STOPPED
  }

  /**
   * What one line came to here.
   *
   * @param line the line's number
   * @param outcome how it ended for this worker
   * @param jobId its job, when it has one
   * @param file its video, when saved here
   * @param message what went wrong, when something did
   */
  public record LineReport(int line, LineOutcome outcome, @Nullable String jobId, @Nullable Path file,
      @Nullable String message) {}

  /** What one run of a worker did. */
  public record Result(String workerId, List<String> batches, List<LineReport> lines) {
    /** Lines that ended as {@code outcome} here. */
    public long count(LineOutcome outcome) {
      return lines.stream().filter(report -> report.outcome() == outcome).count();
    }
  }

  /** Hears each line end, and what happened to it on the way; called on the line's thread. */
  public interface Listener {
    void lineEnded(LineReport report);

    /** Something a person watching should know of line {@code line}: a job found by recovery, a resend. */
    default void note(int line, String text) {}

    /** Line {@code line} was marked sending: its paid request leaves now, and may create a job until answered. */
    default void sending(int line) {}

    /** Line {@code line}'s request was answered, failed, or never left. */
    default void answered(int line) {}
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
    /** {@code line} holds a seat and its request has its permit; it is marked sending next. */
    default void beforeMark(BatchLine line) {}

    /** {@code line} was marked sending (stored); its paid request leaves next. */
    default void beforeSubmit(BatchLine line) {}

    /** The submission of {@code line} was answered with {@code jobId}; the store does not know it yet. */
    default void afterSubmitAnswer(BatchLine line, String jobId) {}
  }

  /** The settings a worker runs with: those its lines share, then its own. */
  private record Settings(LineSettings line, @Nullable String batchId, int threads, int ceiling,
      boolean ceilingFromService, Duration idleWait, Duration progressTimeout, Hooks hooks, Listener listener,
      String workerId, String host) {}

  private final Settings settings;
  private final BatchStore store;
  private final WorkerTime time;
  private final StoreCalls calls;
  private final Liveness liveness;
  private final Set<String> seats = ConcurrentHashMap.newKeySet();
  private final List<LineReport> reports = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> rescuers = new ArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Semaphore seatTurn = new Semaphore(1, true);
  private volatile boolean stopped;
  private final AtomicReference<WorkerCrash> crash = new AtomicReference<>();
  private final List<Thread> lineThreads = Collections.synchronizedList(new ArrayList<>());
  /** Lines this worker could not finish, by how often: past {@link #TRIES} it leaves them to others or a later run. */
  private final Map<Integer, Integer> setBacks = new ConcurrentHashMap<>();
  private static final int TRIES = 3;
  /** How long a thread waits after a line failed here before it claims another. */
  private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);
  /** Beats per lease timeout: a lease outlives two beats missed. */
  private static final int BEATS_PER_LEASE = 3;
  private static final Duration SHORTEST_BEAT = Duration.ofMillis(50);
  /** The default progress timeout: this many lease timeouts, and at least {@link #SHORTEST_STALL}. */
  private static final int STALL_TIMEOUTS = 3;
  /** A poll of a long job may come a minute apart, and an HTTP call may take two. */
  private static final Duration SHORTEST_STALL = Duration.ofMinutes(3);
  /** The default longest mark round trip is this part of the recovery grace. */
  private static final int MARK_AGES_PER_GRACE = 6;
  /** The batch being worked on, while its lines are. */
  private volatile @Nullable String working;
  private boolean leaseWithheld; // only the heartbeat's thread reads and writes it
  private Ceiling ceiling = new Ceiling(0); // unknown until run() settles it, before any line runs

  private BatchWorker(Settings settings) {
    this.settings = settings;
    this.store = settings.line().store();
    this.time = settings.line().time();
    this.calls = new StoreCalls(time);
    this.liveness = new Liveness(settings.progressTimeout(), time);
  }

  /** A worker's settings; {@code out} and {@code decoder} are required. */
  public static Builder builder(BatchStore store, LtxClient client) {
    return new Builder(store, client);
  }

  /** This worker's id in the store. */
  public String id() {
    return settings.workerId();
  }

  /** The file line {@code line}'s video goes to. */
  public static Path target(Path out, int line) {
    return LineSettings.target(out, line);
  }

  /**
   * Works until the batch (or, without one, every open batch of the store) is settled, or stopped with nothing of
   * it left in flight, then leaves the store. An interrupt stops it where it is; the store keeps every line's place.
   *
   * @throws WorkerCrash when a hook said to die: the worker stopped without leaving, as a killed process would
   */
  public Result run() throws InterruptedException {
    ceiling = new Ceiling(settings.ceiling() > 0 ? settings.ceiling() : serviceCeiling());
    List<String> batches = new ArrayList<>();
    calls.untilDone("register the worker", () -> {
      store.register(id(), settings.batchId(), settings.host());
      return null;
    });
    Thread heartbeat = new Thread(this::heartbeat, "ltx4j-batch-heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    try {
      while (true) {
        String batch = settings.batchId() != null ? settings.batchId()
            : calls.untilDone("list open batches", () -> store.openBatches()).stream()
                .filter(id -> !batches.contains(id)).findFirst().orElse(null);
        if (batch == null || batches.contains(batch)) {
          break;
        }
        batches.add(batch);
        work(batch);
        if (crash.get() != null) {
          throw crash.get();
        }
        if (settings.batchId() != null) {
          break;
        }
      }
    } finally {
      stopping.set(true);
      heartbeat.interrupt();
    }
    calls.run("leave the store", () -> {
      store.leave(id());
      return null;
    });
    return new Result(id(), List.copyOf(batches), List.copyOf(reports));
  }

  private int serviceCeiling() {
    if (!settings.ceilingFromService()) {
      return 0;
    }
    try {
      return settings.line().client().teamConcurrencyCeiling().orElse(0);
    } catch (RuntimeException e) {
      LOG.info("The team's ceiling could not be read ({}); it is learned from the first refusal", e.getMessage());
      return 0;
    }
  }

  private void work(String batchId) throws InterruptedException {
    working = batchId;
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < settings.threads(); i++) {
      Thread thread = new Thread(() -> loop(batchId), "ltx4j-batch-" + i);
      threads.add(thread);
      lineThreads.add(thread);
      thread.start();
    }
    try {
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
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      synchronized (rescuers) {
        working = null;
        rescuers.forEach(Thread::interrupt);
      }
      throw e;
    }
  }

  /**
   * Claims and runs lines until there is nothing left for this worker. One thread of a worker at a time claims a
   * line and asks for its seat (the seat turn): the others wait here, claiming nothing, so that a worker neither
   * hoards lines it cannot send nor sends the store a seat request per waiting thread.
   */
  private void loop(String batchId) {
    try {
      while (!Thread.currentThread().isInterrupted() && crash.get() == null) {
        SeatTurn turn = SeatTurn.take(seatTurn);
        try {
          List<Claim> claims = calls.untilDone("claim a line",
              () -> store.claim(batchId, id(), settings.line().timeout(), 1, stopped));
          if (claims.isEmpty() || setBacks.getOrDefault(claims.get(0).line().line(), 0) >= TRIES) {
            if (!claims.isEmpty()) {
              calls.run("give a line up", () -> store.disown(claims.get(0)));
            }
            turn.release();
            if (finished(batchId)) {
              return;
            }
            store.awaitChange(settings.idleWait()); // lines owned by live workers may still come free
            continue;
          }
          handle(claims.get(0), turn);
        } finally {
          turn.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether nothing is left for this worker: every line settled (or given up here), or stopped with none in flight. */
  private boolean finished(String batchId) throws InterruptedException {
    BatchStatus status = calls.untilDone("read the batch", () -> store.status(batchId)).orElseThrow(
        () -> new IllegalArgumentException("no batch " + batchId + " in the store"));
    stopped = status.stopped() != null;
    int inFlight = status.byState().getOrDefault(LineState.SUBMITTING, 0)
        + status.byState().getOrDefault(LineState.SUBMITTED, 0);
    int givenUp = (int) setBacks.values().stream().filter(count -> count >= TRIES).count();
    return status.settled() + givenUp >= status.lines() || stopped && inFlight <= givenUp;
  }

  /** Takes one line as far as this worker can; a failure leaves it to the next claim, never ends the thread. */
  private void handle(Claim claim, SeatTurn turn) throws InterruptedException {
    LOG.debug("line {} claimed ({})", claim.line().line(), claim.line().state());
    LineRunner runner = new LineRunner(settings.line(), calls, ceiling, liveness.track(seats), events, turn);
    LineRunner.Result result;
    try {
      result = runner.run(claim);
    } catch (InterruptedException e) {
      throw e;
    } catch (LineRunner.Halt halted) {
      WorkerCrash e = (WorkerCrash) halted.getCause(); // only the worker's events halt a line, for a WorkerCrash
      // A kill, for tests and chaos runs: every thread stops where it is, nothing more is written.
      if (crash.compareAndSet(null, e)) {
        stopping.set(true);
        synchronized (lineThreads) {
          lineThreads.forEach(Thread::interrupt);
        }
        synchronized (rescuers) {
          rescuers.forEach(Thread::interrupt);
        }
      }
      throw new InterruptedException("the worker crashed");
    } catch (RuntimeException e) {
      LOG.warn("line {}: {}; leaving it to the next claim", claim.line().line(), e.getMessage());
      calls.run("give line " + claim.line().line() + " up", () -> store.disown(claim));
      setBacks.merge(claim.line().line(), 1, Integer::sum);
      time.pause(FAILURE_PAUSE);
      return;
    } finally {
      liveness.untrack();
    }
    if (result.outcome() == LineRunner.Outcome.STOPPED) {
      stopped = true; // unsent lines of a stopped batch stay where they are; only lines under way are claimed now
    } else if (result.outcome() != LineRunner.Outcome.DONE && result.outcome() != LineRunner.Outcome.FAILED
        && result.outcome() != LineRunner.Outcome.UNRESOLVED) {
      // A line this worker stopped working on must not stay its own: while the worker is alive, nobody else (and
      // none of its own threads) would claim it, and the batch would never end. Refused if it passed on already.
      calls.run("give line " + claim.line().line() + " up", () -> store.disown(claim));
    }
    LineOutcome outcome = result.outcome() == LineRunner.Outcome.SET_BACK ? LineOutcome.LEFT
        : LineOutcome.valueOf(result.outcome().name());
    LineReport report = new LineReport(result.line(), outcome, result.jobId(), result.file(), result.message());
    reports.add(report);
    if (result.outcome() == LineRunner.Outcome.SET_BACK || result.outcome() == LineRunner.Outcome.NOT_SAVED) {
      // A video that cannot be saved here, or a line that keeps failing, is left to others or to a later run.
      setBacks.merge(report.line(), result.outcome() == LineRunner.Outcome.NOT_SAVED ? TRIES : 1, Integer::sum);
    }
    tell(listener -> listener.lineEnded(report));
  }

  /** Calls the listener; one that throws is logged, never ends a line. */
  private void tell(Consumer<Listener> call) {
    try {
      call.accept(settings.listener());
    } catch (RuntimeException e) {
      LOG.warn("A batch listener threw; ignored", e);
    }
  }

  /** The worker's hooks and listener as its lines call them: a hook's {@link WorkerCrash} halts the line's run. */
  private final LineRunner.Events events = new LineRunner.Events() {
    @Override
    public void beforeMark(BatchLine line) {
      hook(() -> settings.hooks().beforeMark(line));
    }

    @Override
    public void beforeSubmit(BatchLine line) {
      hook(() -> settings.hooks().beforeSubmit(line));
    }

    @Override
    public void afterSubmitAnswer(BatchLine line, String jobId) {
      hook(() -> settings.hooks().afterSubmitAnswer(line, jobId));
    }

    @Override
    public void sending(int line) {
      tell(listener -> listener.sending(line));
    }

    @Override
    public void answered(int line) {
      tell(listener -> listener.answered(line));
    }

    @Override
    public void note(int line, String text) {
      tell(listener -> listener.note(line, text));
    }

    private void hook(Runnable hook) {
      try {
        hook.run();
      } catch (WorkerCrash crash) {
        throw new LineRunner.Halt(crash);
      }
    }
  };

  /**
   * Beats every {@link #beatEvery} of the lease timeout, at a fixed rate (a late beat is followed by the next one's
   * turn, not a full interval later), until the worker stops.
   */
  private void heartbeat() {
    Duration every = beatEvery(settings.line().timeout());
    Instant next = time.now().plus(every);
    try {
      while (!stopping.get()) {
        Duration left = Duration.between(time.now(), next);
        if (!left.isNegative() && !left.isZero()) {
          time.pause(left);
        }
        next = next.plus(every);
        beat();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the worker stopped
    } catch (RuntimeException e) {
      LOG.warn("The heartbeat failed ({}); the lease is no longer renewed", e.toString());
    }
  }

  /** How often a lease of {@code timeout} is renewed: it outlives two beats missed. */
  static Duration beatEvery(Duration timeout) {
    return Duration.ofMillis(Math.max(SHORTEST_BEAT.toMillis(), timeout.toMillis() / BEATS_PER_LEASE));
  }

  /** Renews the lease while the lines make progress, and takes over the under-way lines of dead workers. */
  private void beat() {
    if (stopping.get()) {
      return;
    }
    Optional<String> stalled = liveness.stalled();
    if (stalled.isPresent()) {
      if (!leaseWithheld) {
        leaseWithheld = true;
        LOG.warn("{}; the lease is not renewed, so that other workers continue its lines", stalled.get());
      }
      return;
    }
    leaseWithheld = false;
    String batchId = working;
    BatchStore.Beat beat = calls.run("renew the worker's lease",
        () -> store.heartbeat(id(), batchId, settings.line().timeout()));
    if (beat != null && beat.orphans() > 0) {
      rescue();
    }
  }

  /**
   * Takes over the lines of dead workers that hold a seat or a sent request, each on a thread of its own: they hold
   * seats of the shared ceiling until someone finishes them, and this worker's own threads may all be waiting.
   */
  private void rescue() {
    synchronized (rescuers) { // work() stops rescues under this lock before it waits for them
      String batchId = working;
      if (batchId == null) {
        return;
      }
      List<Claim> orphans = calls.run("claim orphaned lines",
          () -> store.claim(batchId, id(), settings.line().timeout(), settings.threads(), true));
      for (Claim orphan : orphans == null ? List.<Claim>of() : orphans) {
        LOG.debug("line {} taken over from a dead worker ({})", orphan.line().line(), orphan.line().state());
        Thread thread = new Thread(() -> {
          try {
            handle(orphan, SeatTurn.none()); // under way: it holds its seat, or will be sent as soon as it has one
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "ltx4j-batch-rescue-" + orphan.line().line());
        lineThreads.add(thread);
        rescuers.add(thread);
        thread.start();
      }
    }
  }

  /** The lines a worker runs, and when each last made progress. */
  private static final class Liveness {
    private final Duration bound;
    private final WorkerTime time;
    private final Map<Thread, Instant> lastStep = new ConcurrentHashMap<>();

    Liveness(Duration bound, WorkerTime time) {
      this.bound = bound;
      this.time = time;
    }

    LineRunner.Progress track(Set<String> seats) {
      Thread thread = Thread.currentThread();
      lastStep.put(thread, time.now());
      return new LineRunner.Progress() {
        @Override
        public void step() {
          lastStep.put(thread, time.now());
        }

        @Override
        public void seatTaken(BatchLine line) {
          seats.add(line.seatKey());
        }

        @Override
        public void seatFreed(BatchLine line) {
          seats.remove(line.seatKey());
        }

        @Override
        public int seatsHeld() {
          return seats.size();
        }

        @Override
        public JobListener jobListener() {
          return new JobListener() {
            @Override
            public void onPoll(JobSnapshot job) {
              step();
            }
          };
        }
      };
    }

    void untrack() {
      lastStep.remove(Thread.currentThread());
    }

    /** Why the lease should lapse: a line that made no progress for longer than the bound. */
    Optional<String> stalled() {
      Instant now = time.now();
      for (Map.Entry<Thread, Instant> entry : lastStep.entrySet()) {
        Duration quiet = Duration.between(entry.getValue(), now);
        if (quiet.compareTo(bound) > 0) {
          return Optional.of(entry.getKey().getName() + " has made no progress for " + quiet.toSeconds() + " s");
        }
      }
      return Optional.empty();
    }
  }

  /** Settings of a {@link BatchWorker}. */
  public static final class Builder {
    private final BatchStore store;
    private final LtxClient client;
    private @Nullable Path out;
    private @Nullable Function<String, LtxRequest> decoder;
    private @Nullable String batchId;
    private int threads = 4;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration jobDeadline = Duration.ofMinutes(30);
    private Duration recoveryGrace = Duration.ofSeconds(30);
    private @Nullable Duration maxMarkAge;
    private int ceiling;
    private boolean ceilingFromService = true;
    private Duration idleWait = Duration.ofSeconds(15);
    private @Nullable Duration progressTimeout;
    private Hooks hooks = new Hooks() {};
    private Listener listener = report -> {};
    private String workerId = "worker-" + UUID.randomUUID();
    private String host = hostName();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder(BatchStore store, LtxClient client) {
      this.store = Objects.requireNonNull(store, "store == null");
      this.client = Objects.requireNonNull(client, "client == null");
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

    /** Lines this worker has in hand at once (waiting for a seat, sending, waiting for their job); default 4. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1000) {
        throw new IllegalArgumentException("threads " + threads + " is not allowed; allowed: 1 to 1000");
      }
      this.threads = threads;
      return this;
    }

    /**
     * How long a worker's lease lasts after its last renewal; default 30 s. It is renewed three times per timeout,
     * while its lines make progress. Past it, other workers continue its lines.
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
     * How long after a line was marked sending, on the store's clock, recovery keeps looking before it concludes that
     * no job came of it and sends it again; default 30 s. It bounds the pause that can make a worker pay twice: one
     * longer than this, between its mark and its request leaving.
     */
    public Builder recoveryGrace(Duration grace) {
      this.recoveryGrace = positive("recoveryGrace", grace);
      return this;
    }

    /**
     * How long the mark may take to come back before the request is abandoned instead of sent (the store stamps the
     * mark when it stores it, and recovery counts its grace from there); default a sixth of the recovery grace.
     */
    public Builder maxMarkAge(Duration age) {
      this.maxMarkAge = positive("maxMarkAge", age);
      return this;
    }

    /**
     * The team's concurrency ceiling, when known; by default it is read from the service
     * ({@link LtxClient#teamConcurrencyCeiling()}), else learned from its first concurrency refusal.
     */
    public Builder ceiling(int ceiling) {
      if (ceiling < 1 || ceiling > 100_000) {
        throw new IllegalArgumentException("ceiling " + ceiling + " is not allowed; allowed: 1 to 100000");
      }
      this.ceiling = ceiling;
      return this;
    }

    /** Whether to ask the service for the ceiling when none is given; default true. */
    public Builder ceilingFromService(boolean ask) {
      this.ceilingFromService = ask;
      return this;
    }

    /** The longest an idle worker waits before it looks for free lines again, without being told of any. */
    public Builder idleWait(Duration wait) {
      this.idleWait = positive("idleWait", wait);
      return this;
    }

    /**
     * How long a line may make no progress before the worker stops renewing its lease, so that others continue its
     * lines; default three timeouts, at least 3 minutes (a poll of a long job may come a minute apart, and an HTTP call
     * may take two).
     */
    public Builder progressTimeout(Duration timeout) {
      this.progressTimeout = positive("progressTimeout", timeout);
      return this;
    }

    /** Hooks for tests and chaos runs. */
    public Builder hooks(Hooks hooks) {
      this.hooks = Objects.requireNonNull(hooks, "hooks == null");
      return this;
    }

    /** Hears each line end. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The worker's id in the store; default a random one. */
    public Builder workerId(String workerId) {
      this.workerId = Objects.requireNonNull(workerId, "workerId == null");
      return this;
    }

    /** Where it runs, as stores show it; default this machine's name and process id. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The clock leases, heartbeats and the mark's round trip are timed on; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * How the worker pauses (its heartbeat, its back-off while the store is down, a line's wait before it tries
     * again); default {@link Sleeper#system()}. Tests pass a virtual one.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** The worker, checked. */
    public BatchWorker build() {
      if (out == null || decoder == null) {
        throw new IllegalStateException("BatchWorker needs " + (out == null ? "out" : "decoder"));
      }
      Duration markAge = maxMarkAge != null ? maxMarkAge : recoveryGrace.dividedBy(MARK_AGES_PER_GRACE);
      if (markAge.compareTo(recoveryGrace) >= 0) {
        throw new IllegalArgumentException("maxMarkAge " + markAge + " must be shorter than recoveryGrace "
            + recoveryGrace);
      }
      Duration stall = progressTimeout != null ? progressTimeout
          : timeout.multipliedBy(STALL_TIMEOUTS).compareTo(SHORTEST_STALL) < 0 ? SHORTEST_STALL
          : timeout.multipliedBy(STALL_TIMEOUTS);
      LineSettings line = new LineSettings(store, client, decoder, out, timeout, jobDeadline, recoveryGrace, markAge,
          new WorkerTime(clock, sleeper));
      return new BatchWorker(new Settings(line, batchId, threads, ceiling, ceilingFromService, idleWait, stall, hooks,
          listener, workerId, host));
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name + " == null");
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
}
