package dev.ltx4j.cli;

import dev.ltx4j.batch.BatchQuote;
import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.JournalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Generate one video per line of a JSON Lines file, resumably.", "",
        "Each line is a JSON object of request fields: prompt (required), resolution, duration, aspectRatio, fps, "
            + "cameraMotion, generateAudio, startImage, endImage (asset ids), e.g. {\"prompt\": \"A cat\", "
            + "\"duration\": 8}. Every line is checked before anything is sent (exit 2 names the line). Blank lines "
            + "are skipped and a UTF-8 byte order mark is ignored. Line n's video is <out>/line-<n>.mp4, n counting "
            + "every line of the file.", "",
        "A journal in <out> records every step, synced to disk: run the same command again after any interruption "
            + "(even kill -9) and it resumes. While a batch runs, its folder is locked: a second batch on it stops "
            + "at once (exit 9).", "",
        "Identical lines are separate jobs, and no line is submitted twice: when an answer was lost, the line's job "
            + "is looked up among recent jobs, leaving out those other lines have. If more such jobs match than "
            + "lines wait for one, the line is reported with the candidates (exit 8) and nothing is resubmitted.", "",
        "Lines go as fast as the project allows: every request draws from one budget (90 a minute by default, "
            + "LTX4J_REQUESTS_PER_MINUTE), and lines keep the team's generation seats full: the ceiling comes from "
            + "--ceiling, else the service's team limits, else its first refusal; a seat goes to the next line as soon "
            + "as its job is seen finished.", "",
        "Spending: --quote prices the batch with free dry runs (one per distinct shape of request) and stops; "
            + "--max-credits N refuses to start a batch quoted above N, and stops sending once what it spent would pass "
            + "N. A refusal of the account (402 out of credits, a key refused) stops the batch at once: exit 11, the "
            + "batch keeping its place for a run after credits were added.", "",
        "The exit code is that of the first line that failed.", "",
        "With --store, the batch is kept in PostgreSQL instead of the journal: run `ltx4j worker` on other machines "
            + "to share it (one request budget, one set of generation slots, each line owned by one live worker at a "
            + "time; a dead worker's lines pass to the others). `ltx4j batch-status` shows where it stands."},
    footer = {"%nExamples:", "  ltx4j batch prompts.jsonl --out videos",
        "  ltx4j batch prompts.jsonl --out videos --sandbox --json",
        "  LTX4J_STORE_USER=ltx4j LTX4J_STORE_PASSWORD=… ltx4j batch prompts.jsonl --out videos \\",
        "      --store jdbc:postgresql://db.example.com/ltx4j --ceiling 8"})
final class BatchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "FILE", description = "JSON Lines: one request per line.")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where videos and the journal go.")
  Path out;

  @Option(names = "--concurrency", defaultValue = "16", description = "The most lines this process has in hand at "
      + "once (sending, or waiting for their jobs), whatever the team's seats would allow. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "How long to wait for each job. Default: ${DEFAULT-VALUE}.")
  Duration deadline;

  @Option(names = "--quote", description = "Price the batch with free dry runs, print the total, and send nothing.")
  boolean quote;

  @Option(names = "--max-credits", paramLabel = "N", description = "Spend at most N creative units: refuse to start "
      + "a batch quoted above N, and stop sending once the next line would pass N (across every worker).")
  @Nullable Double maxCredits;

  @Override
  public Integer call() throws Exception {
    BatchLines lines = BatchLines.read(file);
    if (maxCredits != null && (maxCredits.isNaN() || maxCredits < 0)) {
      throw new CommandException(ExitCodes.USAGE, "--max-credits " + maxCredits + " must be 0 or more");
    }
    if (!quote) {
      OutputPaths.requireWritableFolder(out);
      for (var line : lines.lines()) {
        if (Files.isDirectory(BatchCommand.target(out, line.number()))) {
          throw new CommandException(ExitCodes.USAGE, "cannot save line " + line.number() + "'s video: "
              + target(out, line.number()) + " is a folder; nothing was sent");
        }
      }
    }
    Output output = common.output();
    try (Backend backend = store.url == null ? common.open() : StoreBackend.open(common, store)) {
      @Nullable BatchQuote priced = quote || maxCredits != null ? priced(backend, lines, output) : null;
      if (quote) {
        return ExitCodes.OK;
      }
      try (BatchStore batches = store.url == null ? JournalStore.open(out) : backend.batchStore()) {
        boolean created = create(batches, lines, priced);
        if (store.url != null) {
          output.note((created ? "started " : "joined ") + "batch " + lines.batchId() + " (" + lines.lines().size()
              + " lines); other machines join it with: ltx4j worker " + store.commandLine() + " --batch " + lines.batchId()
              + " --out DIR");
        }
        return BatchRun.work(common, batches, backend.client(), new BatchRun.Setup(out, lines.batchId(),
            Math.max(1, concurrency), deadline, store.workerTimeout, ceiling(), store.recoveryGrace()));
      }
    }
  }

  /** Records the batch unless it exists; true when this run made it. */
  private boolean create(BatchStore batches, BatchLines lines, @Nullable BatchQuote priced) {
    return batches.create(lines.batchId(), file.toString(), lines.newLines(priced), maxCredits);
  }

  /** The ceiling given: --ceiling, else LTX4J_MAX_CONCURRENT_JOBS; null to ask the service, else learn it. */
  private @Nullable Integer ceiling() {
    if (store.ceiling != null) {
      return store.ceiling;
    }
    String env = System.getenv("LTX4J_MAX_CONCURRENT_JOBS");
    try {
      return env == null || env.isBlank() ? null : Integer.valueOf(env.trim());
    } catch (NumberFormatException e) {
      throw new CommandException(ExitCodes.CONFIGURATION, "LTX4J_MAX_CONCURRENT_JOBS '" + env
          + "' is not a whole number");
    }
  }

  /** One dry run per distinct shape of request; the total printed. */
  private BatchQuote priced(Backend backend, BatchLines lines, Output output) {
    BatchQuote priced = BatchQuote.of(backend.client(), lines.requests());
    String total = String.format(Locale.ROOT, "%.1f", priced.total());
    if (maxCredits != null && priced.total() > maxCredits + 1e-9) {
      throw new CommandException(ExitCodes.USAGE, "the batch is quoted at " + total + " creative units, over --max-credits "
          + maxCredits + "; nothing was sent");
    }
    output.result("batch " + lines.batchId() + ": " + lines.lines().size() + " lines quoted at " + total
        + " creative units (" + priced.shapes() + " distinct shapes, one free dry run each)", Map.of("batch", lines.batchId(),
        "lines", lines.lines().size(), "quoted", priced.total(), "shapes", priced.shapes()));
    return priced;
  }

  /** Where line {@code line}'s video goes. */
  static Path target(Path out, int line) {
    return out.resolve("line-" + line + ".mp4");
  }
}
