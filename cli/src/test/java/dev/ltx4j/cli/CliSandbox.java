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
    ApiProperties.pointAt(sandbox.baseUrl(), sandbox.apiKey(), sandbox.apiSecret());
  }

  /** A sandbox whose jobs run {@code timeScale} times as long as the documented phases. */
  static CliSandbox start(double timeScale) {
    return new CliSandbox(Sandbox.builder().timeScale(timeScale).start());
  }

  @Override
  public void close() {
    ApiProperties.clear();
    sandbox.close();
  }
}
