package dev.ltx4j.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.Types;
import dev.ltx4j.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads a video's streams with Debian's ffprobe and decodes it fully with ffmpeg (CI installs both). */
final class Ffprobe {
  private Ffprobe() {}

  /** The first video stream's codec_name, width, height, r_frame_rate and duration. */
  static Map<String, Object> videoStream(Path file) throws IOException, InterruptedException {
    String json = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "stream=codec_name,width,height,r_frame_rate,duration", "-of", "json", file.toString());
    Map<String, List<Map<String, Object>>> parsed = Json.moshi().<Map<String, List<Map<String, Object>>>>adapter(
        Types.newParameterizedType(Map.class, String.class,
            Types.newParameterizedType(List.class, Types.newParameterizedType(Map.class, String.class, Object.class))))
        .fromJson(json);
    return parsed.get("streams").get(0);
  }

  /** The codec names of every stream, e.g. {@code [h264, aac]}. */
  static List<String> codecs(Path file) throws IOException, InterruptedException {
    return run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", file.toString())
        .lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }

  /** True when ffmpeg decodes every frame without an error. */
  static boolean decodesCleanly(Path file) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-xerror", "-i", file.toString(), "-f", "null", "-")
        .redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor() == 0;
  }

  static void assumeInstalled() {
    boolean present;
    try {
      present = new ProcessBuilder("ffprobe", "-version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    assumeTrue(present, "ffprobe is not installed (CI installs Debian's ffmpeg package)");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: "
          + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
