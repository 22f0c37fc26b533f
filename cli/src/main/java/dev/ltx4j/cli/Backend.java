package dev.ltx4j.cli;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.sandbox.Sandbox;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/** The client a command talks through: Scenario's API from the environment, or an in-process sandbox. */
final class Backend implements AutoCloseable {
  private final Sandbox sandbox;
  private final LtxClient client;

  private Backend(Sandbox sandbox, LtxClient client) {
    this.sandbox = sandbox;
    this.client = client;
  }

  static Backend open(boolean useSandbox, PrintWriter err) {
    return open(useSandbox, err, UnaryOperator.identity());
  }

  /** {@code settings} adds a command's own settings to the client's builder. */
  static Backend open(boolean useSandbox, PrintWriter err, UnaryOperator<LtxClientBuilder> settings) {
    if (useSandbox) {
      Sandbox sandbox = Sandbox.builder().start();
      err.println("Using an in-process sandbox at " + sandbox.baseUrl() + " (no credentials, no cost)");
      return new Backend(sandbox, settings.apply(sandbox.clientBuilder()).build());
    }
    return new Backend(null, settings.apply(LtxClient.builder().fromEnv()).build());
  }

  LtxClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
