package dev.ltx4j.cli;

import dev.ltx4j.JobListener;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.TransferListener;
import dev.ltx4j.model.JobStatus;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress on stderr: bars at a terminal, one line per status change otherwise. */
final class Progress {
  private final boolean bars;
  private final Output output;
  private final PrintStream terminal;

  /** {@code output} null: silent unless {@code bars}. */
  Progress(boolean bars, Output output) {
    this(bars, output, new PrintStream(System.err, true));
  }

  Progress(boolean bars, Output output, PrintStream terminal) {
    this.bars = bars;
    this.output = output;
    this.terminal = terminal;
  }

  /** A listener that shows a job's status and percentage; close the bar with {@link Bar#close()}. */
  Bar job(String jobId) {
    // No rate: "%/s" says nothing about a job, and the bar would print it against the status.
    ProgressBar bar = bars ? bar("Job", 100, "%", 1, false) : null;
    return new Bar(bar, new JobListener() {
      @Override
      public void onStatusChange(String id, JobStatus from, JobStatus to) {
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
    }, null);
  }

  /** A listener that shows bytes downloaded and the rate. */
  Bar download(String what) {
    ProgressBar bar = bars ? bar(what, -1, "MiB", 1 << 20, true) : null;
    return new Bar(bar, null, (bytes, total) -> {
      if (bar != null) {
        if (total > 0 && bar.getMax() != total) {
          bar.maxHint(total);
        }
        bar.stepTo(bytes);
      }
    });
  }

  private ProgressBar bar(String task, long max, String unit, long unitSize, boolean speed) {
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, unitSize)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(terminal));
    return (speed ? builder.showSpeed() : builder).build();
  }

  /** A bar (or none) and the listener that drives it. */
  record Bar(ProgressBar bar, JobListener jobListener, TransferListener transferListener) implements AutoCloseable {
    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
