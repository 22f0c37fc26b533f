package dev.ltx4j.sandbox.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Makes real, playable H.264 MP4s (with an AAC track on request) in pure Java (jcodec): a moving test pattern whose duration, frame rate and
 * orientation follow the request, at a small size (320x180 or 180x320) so that it is quick. The pixels depend only
 * on (duration, fps, orientation, audio), so a file is rendered once and cached on disk for every later run.
 *
 * <p>The cache may be shared by several processes: each renders into its own {@code render-<pid>-….part} file and
 * moves it into place atomically, so a reader only ever sees whole files, and the partial files of processes that
 * died mid-render are removed when a renderer starts.
 */
public final class VideoRenderer {
  /** Bumped whenever the picture changes, so that stale cached files are not served. */
  static final String VERSION = "v2";
  public static final int LONG_SIDE = 320;
  public static final int SHORT_SIDE = 180;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VideoRenderer.class);
  private final Path cacheDir;
  private final ExecutorService executor;
  private final Clock clock;
  private final Map<String, CompletableFuture<Video>> renders = new ConcurrentHashMap<>();
  /** False once drawing text failed (a headless JDK without fonts): later frames skip their labels. */
  private volatile boolean fontsWork = true;

  public VideoRenderer(Path cacheDir, ExecutorService executor, Clock clock) {
    this.cacheDir = cacheDir;
    this.executor = executor;
    this.clock = clock;
    PartialFiles.removeOrphans(cacheDir);
  }

  /** A rendered file and what it holds. {@code readyAt} is when this sandbox first had it. */
  public record Video(Path path, int width, int height, int durationSeconds, int fps, long size, Instant readyAt) {}

  /**
   * The video for these parameters: from the disk cache at once, or rendered in the background. With
   * {@code audio} it carries an AAC track (a quiet 440 Hz tone).
   */
  public CompletableFuture<Video> render(int durationSeconds, int fps, boolean portrait, boolean audio) {
    String name = VERSION + "-" + durationSeconds + "s-" + fps + "fps-" + (portrait ? "9x16" : "16x9")
        + (audio ? "-aac" : "") + ".mp4";
    return renders.computeIfAbsent(name, n -> {
      Path file = cacheDir.resolve(n);
      int width = portrait ? SHORT_SIDE : LONG_SIDE;
      int height = portrait ? LONG_SIDE : SHORT_SIDE;
      if (Files.isRegularFile(file)) {
        return CompletableFuture.completedFuture(video(file, width, height, durationSeconds, fps));
      }
      return CompletableFuture.supplyAsync(() -> {
        encode(file, width, height, durationSeconds, fps, audio);
        return video(file, width, height, durationSeconds, fps);
      }, executor).whenComplete((video, failure) -> {
        if (failure != null && !stoppedByClose(failure)) {
          // Jobs waiting for this video stay in finalizing: say why where someone will look.
          LOG.error("Rendering {} failed", n, failure);
        }
      });
    });
  }

  private Video video(Path file, int width, int height, int duration, int fps) {
    try {
      return new Video(file, width, height, duration, fps, Files.size(file), clock.instant());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void encode(Path file, int width, int height, int durationSeconds, int fps, boolean audio) {
    try {
      Files.createDirectories(cacheDir);
      Path partial = PartialFiles.create(cacheDir);
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
      int frames = durationSeconds * fps;
      Mp4Writer.write(partial, image, frames, fps, audio, frame -> draw(image, frame, frames, fps));
      // Concurrent sandboxes may render the same file: the atomic move makes the last one win, whole.
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render " + file, e);
    }
  }

  private void label(Graphics2D g, int height, String text) {
    try {
      g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, height / 12)));
      g.drawString("ltx4j sandbox", 8, height / 8 + 4);
      g.drawString(text, 8, height - 12);
    } catch (RuntimeException | LinkageError noFonts) {
      // A headless JDK without fonts cannot draw text: the picture still moves, only without labels.
      fontsWork = false;
    }
  }

  /** A render the sandbox's close interrupted: nobody waits for it any more. */
  private static boolean stoppedByClose(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.channels.ClosedByInterruptException || cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private void draw(BufferedImage image, int frame, int frames, int fps) {
    int width = image.getWidth();
    int height = image.getHeight();
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float t = (float) frame / frames;
      g.setColor(Color.getHSBColor(0.55f + 0.3f * t, 0.6f, 0.35f));
      g.fillRect(0, 0, width, height);
      g.setColor(new Color(255, 200, 80));
      int size = Math.min(width, height) / 4;
      int x = (int) ((width - size) * (0.5 + 0.45 * Math.sin(2 * Math.PI * frame / (2.0 * fps))));
      int y = (int) ((height - size) * (0.5 + 0.4 * Math.cos(2 * Math.PI * frame / (3.0 * fps))));
      g.fillOval(x, y, size, size);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(3));
      g.drawLine(0, height - 4, (int) (width * (frame + 1L) / frames), height - 4);
      if (fontsWork) {
        label(g, height, String.format("%02d.%02d s  #%d", frame / fps, frame % fps, frame));
      }
    } finally {
      g.dispose();
    }
  }
}
