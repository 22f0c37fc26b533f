package dev.ltx4j.cli;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.InvalidRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download", mixinStandardHelpOptions = true,
    description = "Download a finished job's videos (as <jobId>.<ext>, then <jobId>-2.<ext>, …, or to -o FILE) or one asset.",
    footer = {"%nExamples:", "  ltx4j download job_abc123 --dir videos", "  ltx4j download job_abc123 -o video.mp4",
        "  ltx4j download asset_abc123 -o video.mp4"})
final class DownloadCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "ID", description = "A job_… or asset_… id.")
  String id;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "The file to write; for a job with several videos, the others go beside it as FILE-2.mp4, ….")
  @Nullable Path output;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "For a job: the folder. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(names = "--overwrite", description = "Replace existing files.")
  boolean overwrite;

  @Override
  public Integer call() {
    Output out = common.output();
    Progress progress = new Progress(common.showProgress(), out);
    try (Backend backend = common.open()) {
      List<Path> files;
      if (id.startsWith("job_") && output != null) {
        files = new Finisher(backend.client(), progress, common.hintFlags()).download(backend.client().getJob(id), output, overwrite);
      } else if (id.startsWith("job_") || id.startsWith("asset_")) {
        try (Progress.Bar bar = progress.download("Download")) {
          DownloadOptions options = DownloadOptions.defaults().withOverwrite(overwrite)
              .withListener(bar.transferListener());
          files = id.startsWith("job_")
              ? backend.client().assets().downloadAll(backend.client().getJob(id), dir, options)
              : download(backend, output != null ? output : dir.resolve(id + ".mp4"), options);
        }
      } else {
        throw new InvalidRequestException("ID", "'" + id + "' is neither a job_… nor an asset_… id");
      }
      out.result("Saved " + String.join(", ", files.stream().map(Path::toString).toList()),
          Map.of("files", files.stream().map(Path::toString).toList()));
      return ExitCodes.OK;
    }
  }

  private List<Path> download(Backend backend, Path target, DownloadOptions options) {
    backend.client().assets().download(id, target, options);
    return List.of(target);
  }
}
