package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSandboxTest {
  @TempDir Path dir;

  @Test
  void anEndpointWhoseSandboxProcessAndPortAreAliveIsTheRunningSandbox() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    Process sandbox = lookingLikeTheSandboxOf(dir);
    try (ServerSocket port = new ServerSocket(0)) {
      SharedSandbox.Endpoint endpoint = new SharedSandbox.Endpoint("http://127.0.0.1:" + port.getLocalPort() + "/v1",
          "k", "s", sandbox.pid());
      shared.publish(endpoint);

      assertThat(shared.running()).contains(endpoint);
    } finally {
      sandbox.destroy();
    }
    assertThat(shared.running()).as("nothing listens any more").isEmpty();
  }

  @Test
  void anEndpointNamingAnotherLiveProcessIsNotTheSandboxAndStopLeavesThatProcessAlone() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    Process stranger = new ProcessBuilder("sleep", "60").start();
    try (ServerSocket port = new ServerSocket(0)) {
      shared.publish(new SharedSandbox.Endpoint("http://127.0.0.1:" + port.getLocalPort() + "/v1", "k", "s",
          stranger.pid()));

      assertThat(shared.running()).isEmpty();
      assertThat(shared.stop()).isFalse();
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      stranger.destroy();
    }
  }

  @Test
  void stopEndsEverySandboxOfTheFolderEvenOnesTheFileLostTrackOf() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    Process first = lookingLikeTheSandboxOf(dir);
    Process second = lookingLikeTheSandboxOf(dir);
    Process otherFolders = lookingLikeTheSandboxOf(dir.resolve("elsewhere"));
    try {
      Files.writeString(shared.endpointFile(), "garbage");

      assertThat(shared.stop()).isTrue();

      assertThat(first.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(second.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(otherFolders.isAlive()).isTrue();
      assertThat(shared.endpointFile()).doesNotExist();
    } finally {
      otherFolders.destroy();
      first.destroy();
      second.destroy();
    }
  }

  /** A process whose command line is the one the CLI starts its background sandbox with, for {@code folder}. */
  private static Process lookingLikeTheSandboxOf(Path folder) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", "sleep 60", "dev.ltx4j.cli.Main", "sandbox", "--background",
        folder.toString()).start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (process.info().commandLine().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return process;
  }

  @Test
  void anEndpointLeftByADeadProcessIsNotRunning() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    try (ServerSocket port = new ServerSocket(0)) {
      shared.publish(new SharedSandbox.Endpoint("http://127.0.0.1:" + port.getLocalPort() + "/v1", "k", "s",
          gone.pid()));

      assertThat(shared.running()).isEmpty();
    }
  }

  @Test
  void aSandboxWithdrawsOnlyItsOwnAddress() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    shared.publish(new SharedSandbox.Endpoint("http://127.0.0.1:1/v1", "k", "s", 42));

    shared.withdraw(41);
    assertThat(shared.endpointFile()).exists();
    shared.withdraw(42);
    assertThat(shared.endpointFile()).doesNotExist();
  }

  @Test
  void aGarbledEndpointFileIsNoSandbox() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    Files.writeString(shared.endpointFile(), "pid=not a number\n");

    assertThat(shared.running()).isEmpty();
  }

  @Test
  void theFolderIsUnderTheXdgCacheElseTheHomeCache() {
    assertThat(SharedSandbox.forUser(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")).folder())
        .isEqualTo(Path.of("/x/ltx4j/sandbox"));
    assertThat(SharedSandbox.forUser(Map.of("HOME", "/h")).folder()).isEqualTo(Path.of("/h/.cache/ltx4j/sandbox"));
  }

  @Test
  void theBackgroundSandboxIsStartedThroughTheCommandsEntryPoint() {
    assertThat(SharedSandbox.MAIN_CLASS).isEqualTo(Main.class.getName());
  }
}
