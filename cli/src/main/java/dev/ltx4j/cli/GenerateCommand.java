package dev.ltx4j.cli;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.Submission;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a video with LTX 2.3 Fast, wait for it and download it.",
    footer = {"%nExamples:",
        "  ltx4j generate --sandbox \"A fantasy landscape\" -o landscape.mp4",
        "  ltx4j generate \"A slow sunrise\" --duration 20 --fps 24 -o sunrise.mp4",
        "  ltx4j generate \"The camera pushes in\" --start-image frame.png --camera-motion dolly_in -o push.mp4",
        "  ltx4j generate \"A flower opens\" --start-image asset_a --end-image asset_b --json -o flower.mp4"})
final class GenerateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin RequestOptions request;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "What the video shows.")
  String prompt;

  @Mixin WaitOptionsMixin waiting;
  @Mixin OutputFileOptions saving;

  @Override
  public Integer call() {
    request.check(prompt);
    if (saving.output != null) {
      OutputPaths.requireWritableFile(saving.output, saving.overwrite);
    } else {
      OutputPaths.requireWritableFolder(Path.of("."));
    }
    Output out = common.output();
    try (Backend backend = common.open();
        PaidInFlight paid = new PaidInFlight(common.err(), sending -> "stopped while the generation request was on"
            + " its way (sent at " + sending.values().iterator().next() + "): a job may have been created and"
            + " charged. Before generating again, look for it with: ltx4j jobs --since "
            + PaidInFlight.lookFrom(sending) + (common.sandbox ? " --sandbox" : ""))) {
      LtxRequest built = request.uploadFramesAndBuild(prompt, backend.client().assets());
      request.requireFrameAssets(backend.client().assets());
      Submission submission;
      try (PaidInFlight.Sending sending = paid.sending("generation")) {
        submission = backend.client().submit(built);
      }
      out.note("Job " + submission.jobId() + " submitted; cost "
          + submission.creativeUnitsCost().stream().mapToObj(c -> c + " creative units").findFirst().orElse("not stated"));
      Finisher finisher = new Finisher(backend.client(), new Progress(common.showProgress(), out), common.hintFlags());
      JobSnapshot done = finisher.await(submission.jobId(), waiting.deadline);
      Path target = saving.output != null ? saving.output : Path.of(submission.jobId() + ".mp4");
      List<Path> files = finisher.download(done, target, saving.overwrite);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("jobId", submission.jobId());
      result.put("status", done.status().value());
      result.put("files", files.stream().map(Path::toString).toList());
      result.put("assetIds", done.assetIds());
      submission.creativeUnitsCost().ifPresent(cost -> result.put("creativeUnitsCost", cost));
      out.result("Saved " + String.join(", ", files.stream().map(Path::toString).toList()) + " (job "
          + submission.jobId() + ")", result);
      return ExitCodes.OK;
    }
  }
}
