package dev.ltx4j.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "upload", mixinStandardHelpOptions = true,
    description = "Upload an image (JPEG, PNG, GIF, WebP, AVIF, TIFF, HEIC, SVG) and print its asset id.",
    footer = {"%nExamples:", "  ltx4j upload first-frame.png", "  ltx4j generate \"…\" --start-image $(ltx4j upload a.png)"})
final class UploadCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "IMAGE")
  Path image;

  @Override
  public Integer call() {
    if (!java.nio.file.Files.isRegularFile(image)) {
      throw new CommandException(ExitCodes.USAGE, image + ": no such file" + (java.nio.file.Files.isDirectory(image)
          ? " (a folder)" : "") + "; give an image file (JPEG, PNG, GIF, WebP, AVIF, TIFF, HEIC or SVG)");
    }
    try (Backend backend = common.open()) {
      String assetId = backend.client().assets().uploadImage(image);
      common.output().result(assetId, Map.of("assetId", assetId));
      return ExitCodes.OK;
    }
  }
}
