package dev.ltx4j.cli;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.JobSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download", mixinStandardHelpOptions = true,
    description = "Download a finished job's videos (as <jobId>-<n>.<ext>) or one asset.",
    footer = {"%nExamples:", "  ltx4j download job_abc123 --dir videos", "  ltx4j download asset_abc123 -o video.mp4"})
final class DownloadCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "ID", description = "A job_… or asset_… id.")
  String id;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "For an asset: the file to write.")
  Path output;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "For a job: the folder. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(names = "--overwrite", description = "Replace existing files.")
  boolean overwrite;

  @Override
  public Integer call() {
    Output out = common.output();
    Progress progress = new Progress(common.showProgress(), out);
    try (Backend backend = common.open(); Progress.Bar bar = progress.download("Download")) {
      DownloadOptions options = DownloadOptions.defaults().withOverwrite(overwrite).withListener(bar.transferListener());
      List<Path> files;
      if (id.startsWith("job_")) {
        JobSnapshot job = backend.client().getJob(id);
        files = backend.client().assets().downloadAll(job, dir, options);
      } else if (id.startsWith("asset_")) {
        Path target = output != null ? output : dir.resolve(id + ".mp4");
        backend.client().assets().download(id, target, options);
        files = List.of(target);
      } else {
        throw new InvalidRequestException("ID", "'" + id + "' is neither a job_… nor an asset_… id");
      }
      out.result("Saved " + String.join(", ", files.stream().map(Path::toString).toList()),
          Map.of("files", files.stream().map(Path::toString).toList()));
      return ExitCodes.OK;
    }
  }
}
