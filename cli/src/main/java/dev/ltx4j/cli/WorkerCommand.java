package dev.ltx4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Join batches kept in PostgreSQL (started with `ltx4j batch FILE --store …`) from this machine.", "",
        "Claims lines no live worker owns, submits them within the fleet's shared request budget and generation "
            + "slots, saves each video as <out>/line-<n>.mp4 here, and stops when the batch is settled. Kill it at "
            + "any time: its lines pass to the other workers after --worker-timeout, and a line it was submitting is "
            + "looked up among recent jobs before anything is sent again."},
    footer = {"%nExample:", "  LTX4J_STORE_USER=ltx4j LTX4J_STORE_PASSWORD=… ltx4j worker \\",
        "      --store jdbc:postgresql://db.example.com/ltx4j --out videos --ceiling 8"})
final class WorkerCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin StoreOptions store;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where this worker saves videos.")
  Path out;

  @Option(names = "--batch", paramLabel = "ID", description = "Only this batch; by default every open one, oldest first.")
  @Nullable String batch;

  @Option(names = "--concurrency", defaultValue = "4", description = "Lines in hand at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "How long to wait for each job. Default: ${DEFAULT-VALUE}.")
  Duration deadline;

  @Override
  public Integer call() throws Exception {
    if (store.url == null) {
      throw new CommandException(ExitCodes.USAGE, "worker needs --store jdbc:postgresql://…: the batch it joins");
    }
    OutputPaths.requireWritableFolder(out);
    try (Backend backend = StoreBackend.open(common, store)) {
      common.output().note("worker joined " + (batch == null ? "the open batches" : "batch " + batch) + " of "
          + store.url);
      return BatchRun.work(common, backend.batchStore(), backend.client(), new BatchRun.Setup(out, batch,
          Math.max(1, concurrency), deadline, store.workerTimeout, store.ceiling, store.recoveryGrace()));
    }
  }
}
