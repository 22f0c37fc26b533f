package dev.ltx4j.bench;

import dev.ltx4j.JobQuery;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.model.JobStatusChange;
import dev.ltx4j.postgres.BatchLedger;
import dev.ltx4j.postgres.BatchLine;
import dev.ltx4j.postgres.BatchStatus;
import dev.ltx4j.postgres.BatchWorker;
import dev.ltx4j.postgres.LineState;
import dev.ltx4j.postgres.PostgresStore;
import dev.ltx4j.sandbox.Counters;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.JobState;
import dev.ltx4j.sandbox.Sandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A fleet of worker JVMs on one batch kept in a real PostgreSQL, against one sandbox with Scenario's limits, while a
 * supervisor kills a random worker with SIGKILL at random moments and starts another. Checked against the sandbox's
 * own counters and rendered file, and the ledger.
 */
public final class MultiWorkerChaos {
  /** How a run is set up. */
  public record Settings(int lines, int workers, int kills, int haltsAfterAnswer, int ceiling, int requestsPerMinute,
      double timeScale, Duration inProgress, int threadsPerWorker, Duration workerTimeout, long seed, Path work) {}

  /** What a run measured. */
  public record Result(int lines, int videos, long duplicates, int lost, int workerKills, int haltsAfterAnswer,
      double utilisation, long rate429, long concurrency429, long apiRequests, long budgetTrips, long slotTrips,
      long peakRunning, long maxRequestsInWindow, Duration elapsed) {
    /** Budget and slot round trips per API request. */
    public double tripsPerRequest() {
      return apiRequests == 0 ? 0 : (double) (budgetTrips + slotTrips) / apiRequests;
    }

    /** The summary line. */
    public String line() {
      return String.format(java.util.Locale.ROOT, "lines=%d videos=%d duplicates=%d lost=%d worker_kills=%d "
          + "utilisation=%.3f rate_429=%d", lines, videos, duplicates, lost, workerKills, utilisation, rate429);
    }
  }

  private MultiWorkerChaos() {}

  public static Result run(Settings settings) throws Exception {
    Path work = settings.work();
    if (Files.exists(work)) {
      ChaosSetup.delete(work);
    }
    Path out = Files.createDirectories(work.resolve("videos"));
    Path cache = Files.createDirectories(work.resolve("render-cache"));
    Random random = new Random(settings.seed());
    // EmbeddedPostgres makes <java.io.tmpdir>/embedded-pg when first used, whatever working directory it is then
    // given: the temporary folder goes under target/ too, so that a run leaves nothing outside the build.
    System.setProperty("java.io.tmpdir",
        Files.createDirectories(work.getParent().resolve("tmp")).toAbsolutePath().toString());
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(Files.createDirectories(work.getParent().resolve("embedded-pg")).toFile())
        .setDataDirectory(work.resolve("pg-data")).setCleanDataDirectory(true)
        .setServerConfig("track_functions", "pl").setServerConfig("max_connections", "200").start();
        Sandbox sandbox = Sandbox.builder().seed(settings.seed()).concurrencyCeiling(settings.ceiling())
            .requestsPerMinute(settings.requestsPerMinute()).timeScale(settings.timeScale())
            .phase(JobState.IN_PROGRESS, settings.inProgress()).videoCache(cache).start()) {
      DataSource db = postgres.getPostgresDatabase();
      String batchId = "chaos-" + settings.seed();
      List<BatchLedger.NewLine> lines = new ArrayList<>();
      for (int line = 1; line <= settings.lines(); line++) {
        String prompt = "A paper boat on a rain puddle, take " + line;
        lines.add(BatchLedger.NewLine.of(line, prompt, LtxRequest.of(prompt)));
      }
      try (PostgresStore store = PostgresStore.create(db).migrate()) {
        store.ledger().createBatch(batchId, "multi-worker chaos", lines);
      }
      // Scenario's minute is the sandbox's: 60 s times the time scale; the fleet keeps 10 % under its limit and
      // counts a window 10 % longer, for requests that reach the sandbox a little after their permit.
      long window = Math.round(60_000 * settings.timeScale() * 1.1);
      int limit = settings.requestsPerMinute() * 9 / 10;
      String url = postgres.getJdbcUrl("postgres", "postgres");
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // no perf-data file in the system's temporary folder: a killed worker could not remove its own
          "-Xmx256m", "-XX:-UsePerfData", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          // the ledger's and slots' steps, timed, for the breakdown of idle slot-time
          "-Dorg.slf4j.simpleLogger.log.dev.ltx4j.postgres=debug", "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX",
          "-cp", System.getProperty("java.class.path"), MultiWorkerChaosWorker.class.getName(), url, batchId,
          out.toString(), sandbox.baseUrl(), String.valueOf(limit), String.valueOf(window),
          String.valueOf(settings.ceiling()), String.valueOf(settings.threadsPerWorker()),
          String.valueOf(settings.workerTimeout().toMillis()));
      Path logs = Files.createDirectories(work.resolve("worker-logs"));
      int[] started = {0};
      Map<Process, Integer> numbers = new HashMap<>();
      Map<Integer, Long> deaths = new HashMap<>();
      int[] halting = {settings.haltsAfterAnswer()};
      java.util.function.Supplier<Process> spawn = () -> {
        List<String> args = new ArrayList<>(command);
        // The first workers each end themselves once, right after an answer the ledger has not heard of yet.
        args.add(String.valueOf(halting[0]-- > 0 ? 2 + random.nextInt(4) : 0));
        try {
          Path log = logs.resolve("worker-" + (++started[0]) + ".log");
          Process process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
          numbers.put(process, started[0]);
          return process;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      };
      sandbox.reset();
      Instant start = Instant.now();
      List<Process> fleet = new ArrayList<>();
      for (int i = 0; i < settings.workers(); i++) {
        fleet.add(spawn.get());
      }
      Duration expected = Duration.ofMillis((long) (settings.lines() * (settings.inProgress().toMillis() + 1700)
          * settings.timeScale() / settings.ceiling()));
      List<Long> killAt = new ArrayList<>();
      for (int i = 0; i < settings.kills(); i++) {
        killAt.add(2000 + (long) (random.nextDouble() * expected.toMillis() * 0.8));
      }
      killAt.sort(null);
      int kills = 0;
      try (PostgresStore store = PostgresStore.create(db)) {
        BatchLedger ledger = store.ledger();
        while (true) {
          // a worker that halted itself is replaced too, so that the fleet keeps its size
          for (int i = 0; i < fleet.size(); i++) {
            if (!fleet.get(i).isAlive() && fleet.get(i).exitValue() == 137) {
              deaths.put(numbers.get(fleet.get(i)), System.currentTimeMillis());
              fleet.set(i, spawn.get());
            }
          }
          long now = Duration.between(start, Instant.now()).toMillis();
          if (kills < killAt.size() && now >= killAt.get(kills)) {
            int victim = random.nextInt(fleet.size());
            Process process = fleet.get(victim);
            if (process.isAlive()) {
              process.destroyForcibly().waitFor();
              deaths.put(numbers.get(process), System.currentTimeMillis());
              fleet.set(victim, spawn.get());
              kills++;
            }
          }
          BatchStatus status = ledger.status(batchId).orElseThrow();
          if (status.settled() == status.lines()) {
            break;
          }
          if (fleet.stream().noneMatch(Process::isAlive) && kills >= killAt.size()) {
            fleet.set(0, spawn.get()); // every worker ended early (e.g. on store errors): keep going
          }
          if (Duration.between(start, Instant.now()).compareTo(expected.multipliedBy(4).plusMinutes(2)) > 0) {
            break; // something is stuck: report what was reached
          }
          Thread.sleep(50);
        }
        long end = System.currentTimeMillis();
        Counters counters = sandbox.counters();
        double utilisation = counters.generationJobSeconds() / (settings.ceiling() * counters.sandboxSeconds());
        Duration elapsed = Duration.between(start, Instant.now());
        for (Process process : fleet) {
          if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
          }
        }
        Thread.sleep(1500); // the statistics collector hears of the last backends' calls
        String expectedSha = ChaosReport.sha256(rendered(cache));
        int videos = 0;
        int lost = 0;
        for (int line = 1; line <= settings.lines(); line++) {
          Path file = BatchWorker.target(out, line);
          boolean good = Files.isRegularFile(file) && ChaosReport.sha256(file).equals(expectedSha);
          videos += good ? 1 : 0;
          lost += good ? 0 : 1;
        }
        List<BatchLine> done = ledger.lines(batchId, LineState.DONE);
        long duplicates = counters.submissionsPerBody().values().stream().mapToLong(c -> c - 1).sum();
        long apiRequests = counters.requests().entrySet().stream()
            .filter(e -> !Set.of(Endpoint.CDN_DOWNLOAD, Endpoint.CDN_UPLOAD_PART, Endpoint.OTHER).contains(e.getKey()))
            .mapToLong(e -> e.getValue()).sum();
        long[] trips = functionCalls(db);
        for (String text : MultiWorkerGaps.breakdown(spans(sandbox), logs, deaths, settings.ceiling(),
            start.toEpochMilli(), end)) {
          System.out.println(text);
        }
        if (done.size() != videos) {
          System.err.println("ledger says " + done.size() + " lines done; " + videos + " videos verified");
        }
        return new Result(settings.lines(), videos, duplicates, lost, kills, settings.haltsAfterAnswer(),
            utilisation, counters.rateLimitRefusals(), counters.concurrencyRefusals(), apiRequests, trips[0],
            trips[1], counters.peakRunningGenerations(), counters.maxRequestsInWindow(), elapsed);
      } finally {
        for (Process process : fleet) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }

  /** Calls of the budget's and the slots' functions, as the server counted them: {budget, slots}. */
  private static long[] functionCalls(DataSource db) throws Exception {
    long budget = 0;
    long slots = 0;
    try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT funcname, calls FROM pg_stat_user_functions")) {
      while (rows.next()) {
        String name = rows.getString(1);
        if (name.equals("ltx4j_take_permit")) {
          budget += rows.getLong(2);
        } else if (name.endsWith("_slot")) {
          slots += rows.getLong(2);
        }
      }
    }
    return new long[] {budget, slots};
  }

  /** Every generation job the sandbox made, by the line number its prompt ends with. */
  private static Map<Integer, MultiWorkerGaps.Span> spans(Sandbox sandbox) {
    Map<Integer, MultiWorkerGaps.Span> spans = new HashMap<>();
    try (LtxClient client = sandbox.newClient()) {
      client.listJobs(new JobQuery(null, null, 100)).forEach(job -> {
        Object prompt = job.job().metadata().input().get("prompt");
        List<JobStatusChange> history = job.job().statusHistory();
        String text = String.valueOf(prompt);
        int line = Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
        spans.put(line, new MultiWorkerGaps.Span(job.job().createdAt().toInstant().toEpochMilli(),
            history.get(history.size() - 1).date().toInstant().toEpochMilli()));
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
