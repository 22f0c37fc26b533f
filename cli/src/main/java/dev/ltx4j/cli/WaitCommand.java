package dev.ltx4j.cli;

import dev.ltx4j.JobSnapshot;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait for a job to finish (any job, e.g. one an interrupted command left), optionally downloading it.",
    footer = {"%nExamples:", "  ltx4j wait job_abc123", "  ltx4j wait job_abc123 -o video.mp4 --deadline 1h"})
final class WaitCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "JOB_ID")
  String jobId;

  @Mixin WaitOptionsMixin waiting;
  @Mixin OutputFileOptions saving;

  @Override
  public Integer call() {
    if (saving.output != null) {
      OutputPaths.requireWritableFile(saving.output, saving.overwrite);
    }
    Output out = common.output();
    try (Backend backend = common.open()) {
      Finisher finisher = new Finisher(backend.client(), new Progress(common.showProgress(), out), common.hintFlags());
      JobSnapshot done = finisher.await(jobId, waiting.deadline);
      Map<String, Object> fields = JobCommand.fields(done);
      String text = JobCommand.describe(done);
      if (saving.output != null) {
        var files = finisher.download(done, saving.output, saving.overwrite);
        fields.put("files", files.stream().map(Path::toString).toList());
        text = "Saved " + files.get(0) + " (job " + jobId + ")";
      }
      out.result(text, fields);
      return ExitCodes.OK;
    }
  }
}
