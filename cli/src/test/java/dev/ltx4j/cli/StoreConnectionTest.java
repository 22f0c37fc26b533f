package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opening the batch store: a server that is not there is the network's failure, named with the next step. */
class StoreConnectionTest {
  @Test
  void aDatabaseThatRefusesTheConnectionIsANetworkFailureThatSaysToRunAgain() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again below: nothing listens there
    }
    StoreOptions options = new StoreOptions();
    options.url = "jdbc:postgresql://127.0.0.1:" + port + "/ltx4j?connectTimeout=2";

    assertThatThrownBy(() -> StoreConnection.open(options, Map.of(), 2))
        .isInstanceOfSatisfying(CommandException.class, e -> org.assertj.core.api.Assertions
            .assertThat(e.exitCode()).isEqualTo(ExitCodes.NETWORK))
        .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("Run the same command again once it is");
  }
}
