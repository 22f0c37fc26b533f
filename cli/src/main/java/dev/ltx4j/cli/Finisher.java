package dev.ltx4j.cli;

import dev.ltx4j.Assets;
import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.WaitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits for a job and downloads its video: what generate, wait and batch share. */
final class Finisher {
  private final LtxClient client;
  private final Progress progress;
  /** What the printed next steps carry of the command's own options ({@code --sandbox}). */
  private final String hintFlags;

  Finisher(LtxClient client, Progress progress, String hintFlags) {
    this.client = client;
    this.progress = progress;
    this.hintFlags = hintFlags;
  }

  /** Waits for {@code jobId}; Ctrl-C meanwhile prints the id and how to resume. */
  JobSnapshot await(String jobId, Duration deadline) {
    Thread hint = new Thread(() -> System.err.println(
        "\nInterrupted. Job " + jobId + " keeps running; resume with: ltx4j wait " + jobId + hintFlags));
    Runtime.getRuntime().addShutdownHook(hint);
    try (Progress.Bar bar = progress.job(jobId)) {
      return client.await(jobId, WaitOptions.builder().deadline(deadline).listener(bar.jobListener()).build());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hint);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: leave it be
      }
    }
  }

  /**
   * Downloads the job's first asset to {@code target}, further ones beside it as {@link dev.ltx4j.Assets#numberedFile} names them.
   *
   * @throws CommandException naming the job and the command that downloads it later; exit
   *     {@link ExitCodes#NOT_SAVED} when the file could not be written, else the download error's own
   */
  List<Path> download(JobSnapshot job, Path target, boolean overwrite) {
    List<Path> files = new ArrayList<>();
    List<String> assets = job.assetIds();
    try {
      for (int i = 0; i < assets.size(); i++) {
        Path file = Assets.numberedFile(target, i + 1);
        try (Progress.Bar bar = progress.download("Download")) {
          client.assets().download(assets.get(i), file,
              DownloadOptions.defaults().withOverwrite(overwrite).withListener(bar.transferListener()));
        }
        files.add(file);
      }
    } catch (Ltx4jException e) {
      throw notSaved(job.id().orElse("(no id)"), target, e, hintFlags);
    }
    return files;
  }

  private static CommandException notSaved(String jobId, Path target, Ltx4jException e, String hintFlags) {
    String exists = OutputPaths.saveProblem(e, target).filter(reason -> reason.contains("exists")).isPresent()
        ? " --overwrite" : "";
    String later = " Download it later with: ltx4j download " + jobId + " -o " + quoted(target) + exists + hintFlags;
    return OutputPaths.saveProblem(e, target)
        .map(reason -> new CommandException(ExitCodes.NOT_SAVED, "job " + jobId + " finished, but its video could "
            + "not be saved as " + target + ": " + reason + "." + later, e))
        .orElseGet(() -> new CommandException(Errors.code(e), "job " + jobId + " finished, but downloading its video "
            + "failed: " + e.getMessage() + "." + later, e));
  }

  private static String quoted(Path path) {
    String text = path.toString();
    return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
