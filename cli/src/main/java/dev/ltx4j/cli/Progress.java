package dev.ltx4j.cli;

import dev.ltx4j.JobListener;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.TransferListener;
import dev.ltx4j.model.JobStatus;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/** Progress on stderr: bars at a terminal, one line per status change otherwise. */
final class Progress {
  private final boolean bars;
  private final @Nullable Output output;
  private final PrintStream terminal;

  /** {@code output} null: silent unless {@code bars}. */
  Progress(boolean bars, @Nullable Output output) {
    this(bars, output, new PrintStream(System.err, true));
  }

  Progress(boolean bars, @Nullable Output output, PrintStream terminal) {
    this.bars = bars;
    this.output = output;
    this.terminal = terminal;
  }

  /** A listener that shows a job's status and percentage; close the bar with {@link Bar#close()}. */
  Bar job(String jobId) {
    // No rate: "%/s" says nothing about a job, and the bar would print it against the status.
    @Nullable ProgressBar bar = bars ? bar("Job", 100, "%", 1, false) : null;
    return new Bar(bar == null ? () -> {} : bar::close, new JobListener() {
      @Override
      public void onStatusChange(String id, @Nullable JobStatus from, JobStatus to) {
        if (bar != null) {
          bar.setExtraMessage(to.value());
        } else if (output != null) {
          output.note("Job " + jobId + ": " + to.value());
        }
      }

      @Override
      public void onPoll(JobSnapshot job) {
        if (bar != null) {
          bar.stepTo(Math.round(job.progress().orElse(0) * 100));
        }
      }
    }, TransferListener.NONE);
  }

  /**
   * A listener that shows bytes downloaded and the rate. The bar starts with the first bytes, when the size is known,
   * so that a small file counts in KiB, without a rate, rather than as 0/0 MiB at ?MiB/s.
   */
  Bar download(String what) {
    if (!bars) {
      return new Bar(() -> {}, NO_JOB, (bytes, total) -> {});
    }
    AtomicReference<ProgressBar> shown = new AtomicReference<>();
    return new Bar(() -> {
      ProgressBar bar = shown.get();
      if (bar != null) {
        bar.close();
      }
    }, NO_JOB, (bytes, total) -> {
      ProgressBar bar = shown.get();
      if (bar == null) {
        boolean large = total >= LARGE || (total <= 0 && bytes >= LARGE);
        // a small file is over before a rate means anything: the bar would show ?KiB/s
        bar = bar(what, total > 0 ? total : -1, large ? "MiB" : "KiB", large ? 1 << 20 : 1 << 10, large);
        shown.set(bar);
      }
      if (total > 0 && bar.getMax() != total) {
        bar.maxHint(total);
      }
      bar.stepTo(bytes);
    });
  }

  /** A download's bar has no job to follow. */
  private static final JobListener NO_JOB = new JobListener() {};

  /** From this size on, a download counts in MiB. */
  private static final long LARGE = 8L << 20;

  private ProgressBar bar(String task, long max, String unit, long unitSize, boolean speed) {
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, unitSize)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(terminal));
    return (speed ? builder.showSpeed() : builder).build();
  }

  /** A bar (or none) and the listener that drives it; the other listener does nothing. */
  record Bar(Runnable closer, JobListener jobListener, TransferListener transferListener) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
