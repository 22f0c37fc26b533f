package dev.ltx4j.bench;

import dev.ltx4j.JobQuery;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.batch.BatchStatus;
import dev.ltx4j.batch.BatchWorker;
import dev.ltx4j.batch.LineState;
import dev.ltx4j.batch.NewLine;
import dev.ltx4j.batch.RequestKey;
import dev.ltx4j.model.JobStatusChange;
import dev.ltx4j.postgres.PostgresBatchStore;
import dev.ltx4j.postgres.PostgresStore;
import dev.ltx4j.sandbox.Counters;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.JobState;
import dev.ltx4j.sandbox.Sandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A fleet of worker JVMs on one batch kept in a real PostgreSQL server, against one sandbox with Scenario's limits,
 * while a supervisor does to it what an operator's machines and network do: SIGKILL a worker (and start another),
 * SIGSTOP one past its lease, end its database sessions ({@code pg_terminate_backend}) and SIGCONT it, stop the
 * database server and start it again, and cut the network between one worker and the database (a relay that stops
 * every byte). A few workers also end themselves right after a paid answer, before the store heard of it. Every
 * worker saves videos in a folder of its own slot, as machines on their own disks would. Checked against the
 * sandbox's counters, the videos on disk, and the store.
 */
public final class MultiWorkerChaos {
  /** How a run is set up. */
  public record Settings(int lines, int workers, int kills, int haltsAfterAnswer, int pauses, int dbOutages,
      Duration outage, int networkCuts, Duration cut, int ceiling, int requestsPerMinute, double timeScale,
      Duration inProgress, int threadsPerWorker, Duration workerTimeout, Duration recoveryGrace, long seed,
      Path work) {}

  /** What a run measured. */
  public record Result(int lines, int videos, long duplicates, int lost, int stuck, int workerKills, int pauses,
      int dbOutages, int networkCuts, int haltsAfterAnswer, double utilisation, long rate429, long concurrency429,
      long apiRequests, long dbStatements, long peakRunning, long busiestMinute, int budget, List<Integer> shares,
      long extraJobs, long serverTransactions, Duration elapsed) {
    /**
     * Database statements per API request: every statement the workers sent (the store's, the budget's and the
     * slots'), each worker counting its own and writing the count every second, so that a killed one's is known.
     */
    public double statementsPerRequest() {
      return apiRequests == 0 ? 0 : (double) dbStatements / apiRequests;
    }

    /** The summary line. */
    public String line() {
      return String.format(Locale.ROOT, "lines=%d videos=%d duplicates=%d lost=%d stuck=%d worker_kills=%d pauses=%d "
          + "db_outages=%d utilisation=%.3f rate_429=%d", lines, videos, duplicates, lost, stuck, workerKills, pauses,
          dbOutages, utilisation, rate429);
    }
  }

  private MultiWorkerChaos() {}

  public static Result run(Settings settings) throws Exception {
    return new Run(settings).run();
  }

  private static final class Run {
    final Settings settings;
    final Random random;
    final Path work;
    final Path cache;
    final int pgPort;
    final List<Process> fleet = new ArrayList<>();
    final Map<Process, Integer> numbers = new HashMap<>();
    final Map<Integer, Long> deaths = new HashMap<>();
    final AtomicInteger started = new AtomicInteger();
    final AtomicLong statements = new AtomicLong();
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger outages = new AtomicInteger();
    final AtomicInteger cuts = new AtomicInteger();
    volatile @Nullable EmbeddedPostgres postgres;
    volatile boolean databaseDown;
    int halting;

    Run(Settings settings) throws IOException {
      this.settings = settings;
      this.random = new Random(settings.seed());
      this.work = settings.work();
      if (Files.exists(work)) {
        ChaosSetup.delete(work);
      }
      this.cache = Files.createDirectories(work.resolve("render-cache"));
      this.halting = settings.haltsAfterAnswer();
      try (ServerSocket socket = new ServerSocket(0)) {
        this.pgPort = socket.getLocalPort();
      }
    }

    /** Starts the server on the run's data and port; the data survives a stop (the run removed any older first). */
    EmbeddedPostgres startDatabase() throws IOException {
      return EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(Files.createDirectories(work.resolveSibling("embedded-pg")).toFile())
          .setDataDirectory(work.resolve("pg-data")).setCleanDataDirectory(false).setPort(pgPort)
          .setServerConfig("max_connections", "300").start();
    }

    String jdbcUrl(int port) {
      return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    Result run() throws Exception {
      // EmbeddedPostgres makes <java.io.tmpdir>/embedded-pg when first used: the temporary folder goes under target/.
      System.setProperty("java.io.tmpdir",
          Files.createDirectories(work.resolveSibling("tmp")).toAbsolutePath().toString());
      postgres = startDatabase();
      try (Sandbox sandbox = Sandbox.builder().seed(settings.seed()).concurrencyCeiling(settings.ceiling())
          .requestsPerMinute(settings.requestsPerMinute()).timeScale(settings.timeScale())
          .phase(JobState.IN_PROGRESS, settings.inProgress()).videoCache(cache).start();
          PausableProxy proxy = new PausableProxy(pgPort)) {
        String batchId = "chaos-" + settings.seed();
        try (PostgresStore store = PostgresStore.create(postgres.getPostgresDatabase()).migrate();
            PostgresBatchStore batches = store.batches("chaos")) {
          List<NewLine> lines = new ArrayList<>();
          for (int line = 1; line <= settings.lines(); line++) {
            String prompt = "A paper boat on a rain puddle, take " + line;
            lines.add(new NewLine(line, prompt, RequestKey.of(LtxRequest.of(prompt)), 2.0));
          }
          batches.create(batchId, "multi-worker chaos", lines, null);
        }
        return supervise(sandbox, proxy, batchId);
      } finally {
        for (Process process : fleet) {
          process.destroyForcibly().waitFor();
        }
        postgres.close();
      }
    }

    Result supervise(Sandbox sandbox, PausableProxy proxy, String batchId) throws Exception {
      // Scenario's minute is the sandbox's: 60 s times the time scale; the fleet keeps 10 % under its limit and
      // counts a window 10 % longer, for requests that reach the sandbox a little after their permit.
      long window = Math.round(60_000 * settings.timeScale() * 1.1);
      int limit = settings.requestsPerMinute() * 9 / 10;
      Path logs = Files.createDirectories(work.resolve("worker-logs"));
      sandbox.reset();
      long baseline = transactions();
      Instant start = Instant.now();
      for (int slot = 0; slot < settings.workers(); slot++) {
        fleet.add(spawn(slot, batchId, sandbox, proxy, limit, window, logs));
      }
      Duration expected = Duration.ofMillis((long) (settings.lines() * (settings.inProgress().toMillis() + 1700)
          * settings.timeScale() / settings.ceiling()));
      List<long[]> events = schedule(expected); // {at millis, kind}
      int kills = 0;
      List<Thread> faults = new ArrayList<>();
      BatchStatus last = null;
      long nextStatus = 0;
      while (true) {
        for (int slot = 0; slot < fleet.size(); slot++) {
          Process process = fleet.get(slot);
          if (!process.isAlive() && process.exitValue() == 137) { // killed, or ended itself after an answer
            deaths.putIfAbsent(numbers.get(process), System.currentTimeMillis());
            Process next = spawn(slot, batchId, sandbox, proxy, limit, window, logs);
            synchronized (fleet) {
              fleet.set(slot, next);
            }
          }
        }
        long now = Duration.between(start, Instant.now()).toMillis();
        while (!events.isEmpty() && now >= events.get(0)[0]) {
          long kind = events.remove(0)[1];
          if (kind == 0) {
            int slot = random.nextInt(fleet.size());
            Process victim = fleet.get(slot);
            if (victim.isAlive()) {
              victim.destroyForcibly().waitFor();
              deaths.put(numbers.get(victim), System.currentTimeMillis());
              Process next = spawn(slot, batchId, sandbox, proxy, limit, window, logs);
              synchronized (fleet) {
                fleet.set(slot, next);
              }
              kills++;
            }
          } else {
            faults.add(start(kind == 1 ? this::pause : kind == 2 ? this::outage : () -> cut(proxy)));
          }
        }
        if (now >= nextStatus && !databaseDown) {
          nextStatus = now + 1000;
          try {
            last = status(batchId);
          } catch (Exception e) {
            // the database is down or coming back: the next look will tell
          }
          if (last != null && last.settled() == last.lines() && events.isEmpty() && faults.stream()
              .noneMatch(Thread::isAlive)) {
            break;
          }
        }
        if (fleet.stream().noneMatch(Process::isAlive) && events.isEmpty() && last != null
            && last.settled() < last.lines()) {
          Process next = spawn(0, batchId, sandbox, proxy, limit, window, logs); // all ended early: keep going
          synchronized (fleet) {
            fleet.set(0, next);
          }
        }
        if (Duration.between(start, Instant.now()).compareTo(expected.multipliedBy(4)
            .plus(settings.outage().multipliedBy(settings.dbOutages())).plusMinutes(3)) > 0) {
          break; // something is stuck: report what was reached
        }
        Thread.sleep(100);
      }
      long end = System.currentTimeMillis();
      for (Thread fault : faults) {
        fault.join();
      }
      Counters counters = sandbox.counters();
      double utilisation = counters.generationJobSeconds() / (settings.ceiling() * counters.sandboxSeconds());
      Duration elapsed = Duration.between(start, Instant.now());
      for (Process process : fleet) {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
      BatchStatus status = status(batchId);
      long serverTransactions = transactions() - baseline - statements.get();
      long dbStatements = 0;
      try (Stream<Path> files = Files.list(logs)) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith("statements-")).toList()) {
          String text = Files.readString(file).strip();
          dbStatements += text.isEmpty() ? 0 : Long.parseLong(text);
        }
      }
      String expectedSha = ChaosReport.sha256(rendered(cache));
      int videos = 0;
      int lost = 0;
      List<Integer> shares = new ArrayList<>();
      for (int slot = 0; slot < settings.workers(); slot++) {
        shares.add(0);
      }
      for (int line = 1; line <= settings.lines(); line++) {
        boolean good = false;
        for (int slot = 0; slot < settings.workers(); slot++) {
          Path file = BatchWorker.target(slotDir(slot), line);
          if (Files.isRegularFile(file) && ChaosReport.sha256(file).equals(expectedSha)) {
            shares.set(slot, shares.get(slot) + 1);
            good = true;
          }
        }
        videos += good ? 1 : 0;
        lost += good ? 0 : 1;
      }
      long duplicates = counters.submissionsPerBody().values().stream().mapToLong(c -> c - 1).sum();
      long apiRequests = counters.requests().entrySet().stream()
          .filter(e -> !Set.of(Endpoint.CDN_DOWNLOAD, Endpoint.CDN_UPLOAD_PART, Endpoint.OTHER).contains(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
      for (String text : MultiWorkerGaps.breakdown(spans(sandbox), logs, deaths, settings.ceiling(),
          start.toEpochMilli(), end)) {
        System.out.println(text);
      }
      return new Result(settings.lines(), videos, duplicates, lost, status.lines() - status.settled(), kills,
          pauses.get(), outages.get(), cuts.get(), settings.haltsAfterAnswer(), utilisation,
          counters.rateLimitRefusals(), counters.concurrencyRefusals(), apiRequests, dbStatements,
          counters.peakRunningGenerations(), counters.maxRequestsInWindow(), limit, List.copyOf(shares),
          status.extraJobs(), serverTransactions, elapsed);
    }

    /** The faults' times: kills (0), pauses (1), database outages (2), network cuts (3), spread over the run. */
    List<long[]> schedule(Duration expected) {
      List<long[]> events = new ArrayList<>();
      int[] counts = {settings.kills(), settings.pauses(), settings.dbOutages(), settings.networkCuts()};
      for (int kind = 0; kind < counts.length; kind++) {
        for (int i = 0; i < counts[kind]; i++) {
          // Outages and cuts are spread evenly, so that they do not overlap; kills and pauses land at random.
          double share = kind >= 2 ? (i + 0.5) / counts[kind] : random.nextDouble();
          events.add(new long[] {2000 + (long) (share * expected.toMillis() * 0.8) + kind * 37L, kind});
        }
      }
      events.sort((a, b) -> Long.compare(a[0], b[0]));
      return events;
    }

    interface Fault {
      void run() throws Exception;
    }

    Thread start(Fault fault) {
      Thread thread = new Thread(() -> {
        try {
          fault.run();
        } catch (Exception e) {
          System.err.println("a fault failed: " + e);
        }
      }, "chaos-fault");
      thread.start();
      return thread;
    }

    /**
     * SIGSTOP a live worker past its lease, end its database sessions while it is frozen (its locks and connections
     * go, as when a database drops an idle client), wait until its lines could pass on, then SIGCONT it.
     */
    void pause() throws Exception {
      Process victim;
      synchronized (fleet) {
        List<Process> alive = fleet.stream().filter(Process::isAlive).toList();
        if (alive.isEmpty()) {
          return;
        }
        victim = alive.get(random.nextInt(alive.size()));
      }
      signal("STOP", victim);
      pauses.incrementAndGet();
      Thread.sleep(settings.workerTimeout().multipliedBy(2).toMillis());
      if (!databaseDown) {
        try (Connection connection = admin(); PreparedStatement kill = connection.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE ?")) {
          statements.incrementAndGet();
          kill.setString(1, "%" + victim.pid());
          kill.execute();
        } catch (Exception e) {
          // the database is restarting: the frozen worker's sessions are gone anyway
        }
      }
      Thread.sleep(settings.recoveryGrace().plus(settings.workerTimeout()).toMillis());
      signal("CONT", victim);
    }

    /** Stops the database server for the outage's length, then starts it again on the same data and port. */
    void outage() throws Exception {
      long before;
      synchronized (this) {
        databaseDown = true;
        outages.incrementAndGet();
        before = transactions();
        Objects.requireNonNull(postgres, "the database runs").close();
      }
      Thread.sleep(settings.outage().toMillis());
      synchronized (this) {
        postgres = startDatabase();
        long after = transactions();
        if (after < before) {
          offset.addAndGet(before - after); // the server's count started again: carry on from where it was
        }
        databaseDown = false;
      }
    }

    /** What the server's transaction count lost across restarts that started it again. */
    final AtomicLong offset = new AtomicLong();

    /** Cuts the relay between slot 0's worker and the database for the cut's length. */
    void cut(PausableProxy proxy) throws InterruptedException {
      cuts.incrementAndGet();
      proxy.cut();
      Thread.sleep(settings.cut().toMillis());
      proxy.restore();
    }

    static void signal(String signal, Process process) throws Exception {
      new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
    }

    Path slotDir(int slot) {
      return work.resolve("videos").resolve("slot-" + slot);
    }

    Process spawn(int slot, String batchId, Sandbox sandbox, PausableProxy proxy, long limit, long window, Path logs)
        throws IOException {
      int number = started.incrementAndGet();
      String url = jdbcUrl(slot == 0 && settings.networkCuts() > 0 ? proxy.port() : pgPort);
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
              .toString(),
          // no perf-data file in the system's temporary folder: a killed worker could not remove its own
          "-Xmx256m", "-XX:-UsePerfData", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          // the batch's steps, timed, for the breakdown of idle slot-time
          "-Dorg.slf4j.simpleLogger.log.dev.ltx4j.batch=debug", "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX", "-Dorg.slf4j.simpleLogger.log.com.zaxxer=error",
          "-cp", System.getProperty("java.class.path"), MultiWorkerChaosWorker.class.getName(), url, batchId,
          Files.createDirectories(slotDir(slot)).toString(), sandbox.baseUrl(), String.valueOf(limit),
          String.valueOf(window), String.valueOf(settings.ceiling()), String.valueOf(settings.threadsPerWorker()),
          String.valueOf(settings.workerTimeout().toMillis()),
          // The first workers each end themselves once, right after an answer the store has not heard of yet.
          String.valueOf(halting-- > 0 ? 2 + random.nextInt(4) : 0),
          String.valueOf(settings.recoveryGrace().toMillis()), "chaos-worker-" + number,
          logs.resolve("statements-" + number + ".txt").toString()));
      Path log = logs.resolve("worker-" + number + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      synchronized (fleet) {
        numbers.put(process, number);
      }
      return process;
    }

    Connection admin() throws Exception {
      return DriverManager.getConnection(jdbcUrl(pgPort));
    }

    BatchStatus status(String batchId) {
      statements.incrementAndGet(); // the supervisor's own: not the fleet's
      org.postgresql.ds.PGSimpleDataSource single = new org.postgresql.ds.PGSimpleDataSource();
      single.setUrl(jdbcUrl(pgPort));
      try (PostgresStore store = PostgresStore.create(single); PostgresBatchStore batches = store.batches("chaos")) {
        return batches.status(batchId).orElseThrow();
      }
    }

    /** Transactions the server has counted in this database since it started (+ those of earlier runs of it). */
    long transactions() {
      statements.incrementAndGet();
      try (Connection connection = admin(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database "
              + "WHERE datname = 'postgres'")) {
        rows.next();
        return rows.getLong(1) + offset.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Every generation job the sandbox made, by the line number its prompt ends with. */
  private static Map<Integer, MultiWorkerGaps.Span> spans(Sandbox sandbox) {
    Map<Integer, MultiWorkerGaps.Span> spans = new HashMap<>();
    Set<Integer> seen = new HashSet<>();
    try (LtxClient client = sandbox.newClient()) {
      client.listJobs(new JobQuery(null, null, 100)).forEach(job -> {
        var metadata = Objects.requireNonNull(job.job().metadata(), "metadata");
        Object prompt = Objects.requireNonNull(metadata.input(), "input").get("prompt");
        List<JobStatusChange> history = Objects.requireNonNull(job.job().statusHistory(), "statusHistory");
        String text = String.valueOf(prompt);
        int line = Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
        if (seen.add(line)) {
          spans.put(line, new MultiWorkerGaps.Span(
              Objects.requireNonNull(job.job().createdAt(), "createdAt").toInstant().toEpochMilli(),
              Objects.requireNonNull(history.get(history.size() - 1).date(), "date").toInstant().toEpochMilli()));
        }
      });
    }
    return spans;
  }

  private static Path rendered(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      List<Path> videos = files.filter(p -> !p.getFileName().toString().endsWith(".part")).toList();
      if (videos.size() != 1) {
        throw new IllegalStateException("expected one rendered video in " + cache + ", found " + videos);
      }
      return videos.get(0);
    }
  }
}
