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
  void anEndpointWhoseProcessAndPortAreAliveIsTheRunningSandbox() throws Exception {
    SharedSandbox shared = new SharedSandbox(dir);
    try (ServerSocket port = new ServerSocket(0)) {
      SharedSandbox.Endpoint endpoint = new SharedSandbox.Endpoint("http://127.0.0.1:" + port.getLocalPort() + "/v1",
          "k", "s", ProcessHandle.current().pid());
      shared.publish(endpoint);

      assertThat(shared.running()).contains(endpoint);
    }
    assertThat(shared.running()).as("nothing listens any more").isEmpty();
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
}
