package dev.ltx4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads a video's streams with ffprobe (Debian's ffmpeg package; .ci/run installs it). */
final class Probe {
  private Probe() {}

  /** One line per stream: {@code codec,width,height,r_frame_rate,duration}. */
  static String streams(Path video) throws IOException, InterruptedException {
    Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
        "stream=codec_name,width,height,r_frame_rate,duration", "-of", "csv=p=0", video.toString())
        .redirectErrorStream(true).start();
    String text = new String(ffprobe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (ffprobe.waitFor() != 0) {
      throw new IOException("ffprobe failed: " + text);
    }
    return text;
  }
}
