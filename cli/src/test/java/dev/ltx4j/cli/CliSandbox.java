package dev.ltx4j.cli;

import dev.ltx4j.sandbox.Sandbox;

/**
 * A sandbox that commands run in this JVM ({@link CliRun}) talk to, through the client's system properties; its
 * rendered videos are kept under target/.
 */
final class CliSandbox implements AutoCloseable {
  final Sandbox sandbox;

  private CliSandbox(Sandbox sandbox) {
    this.sandbox = sandbox;
    System.setProperty("scenario.sdk.apiKey", sandbox.apiKey());
    System.setProperty("scenario.sdk.apiSecret", sandbox.apiSecret());
    System.setProperty("ltx4j.baseUrl", sandbox.baseUrl());
  }

  /** A sandbox whose jobs run {@code timeScale} times as long as the documented phases. */
  static CliSandbox start(double timeScale) {
    return new CliSandbox(Sandbox.builder().timeScale(timeScale).start());
  }

  @Override
  public void close() {
    System.clearProperty("scenario.sdk.apiKey");
    System.clearProperty("scenario.sdk.apiSecret");
    System.clearProperty("ltx4j.baseUrl");
    sandbox.close();
  }
}
