package dev.ltx4j.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java renderer: H.264 plus an AAC track when asked, cached on disk. */
class VideoRendererTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @TempDir
  Path cache;

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void rendersH264WithAnAacTrackOfTheRequestedLength() throws Exception {
    assumeTrue(installed(), "ffprobe is not installed (CI installs Debian's ffmpeg package)");
    VideoRenderer renderer = new VideoRenderer(cache, executor, Clock.systemUTC());

    VideoRenderer.Video video = renderer.render(6, 25, false, true).get();

    String probe = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,duration", "-of", "csv=p=0",
        video.path().toString());
    assertThat(probe.lines()).hasSize(2);
    assertThat(probe).contains("h264,6.000000").contains("aac,");
    double audioSeconds = Double.parseDouble(probe.lines().filter(l -> l.startsWith("aac")).findFirst().orElseThrow()
        .split(",")[1]);
    assertThat(audioSeconds).isCloseTo(6.0, within(0.05));
    assertThat(run("ffmpeg", "-v", "error", "-xerror", "-i", video.path().toString(), "-f", "null", "-")).isEmpty();
  }

  @Test
  void servesACachedFileWithoutRenderingItAgain() throws Exception {
    VideoRenderer.Video first = new VideoRenderer(cache, executor, Clock.systemUTC()).render(6, 24, true, false).get();
    long modified = Files.getLastModifiedTime(first.path()).toMillis();

    VideoRenderer.Video again = new VideoRenderer(cache, executor, Clock.systemUTC()).render(6, 24, true, false).get();

    assertThat(again.path()).isEqualTo(first.path());
    assertThat(Files.getLastModifiedTime(again.path()).toMillis()).isEqualTo(modified);
    assertThat(again.width()).isEqualTo(180);
    assertThat(again.height()).isEqualTo(320);
  }

  @Test
  void twoRenderersSharingACacheBothServeWholeFiles() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      var first = new VideoRenderer(cache, executor, Clock.systemUTC()).render(6, 24, false, false);
      var second = new VideoRenderer(cache, other, Clock.systemUTC()).render(6, 24, false, false);

      VideoRenderer.Video a = first.get();
      VideoRenderer.Video b = second.get();

      assertThat(a.path()).isEqualTo(b.path());
      assertThat(Files.size(a.path())).isEqualTo(a.size()).isEqualTo(b.size()).isPositive();
      try (var files = Files.list(cache)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
      }
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void removesPartialRendersOfDeadProcessesAndKeepsThoseOfLiveOnes() throws Exception {
    Files.createDirectories(cache);
    Path dead = Files.writeString(cache.resolve("render-" + deadPid() + "-123.part"), "half");
    Path oldNaming = Files.writeString(cache.resolve("render-8812736.part"), "half");
    Path live = Files.writeString(cache.resolve("render-" + ProcessHandle.current().pid() + "-456.part"), "half");
    Path video = Files.writeString(cache.resolve("v2-6s-25fps-16x9.mp4"), "whole");

    new VideoRenderer(cache, executor, Clock.systemUTC());

    assertThat(dead).doesNotExist();
    assertThat(oldNaming).doesNotExist();
    assertThat(live).exists();
    assertThat(video).exists();
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  private static boolean installed() {
    try {
      return new ProcessBuilder("ffprobe", "-version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }
}
