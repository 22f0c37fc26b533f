package dev.ltx4j.cli;

import dev.ltx4j.sandbox.FaultText;
import dev.ltx4j.sandbox.Sandbox;
import dev.ltx4j.sandbox.SandboxMain;
import picocli.CommandLine.ParameterException;

/** What {@code ltx4j sandbox} does with its options: the one class of that command that touches the sandbox. */
final class SandboxServing {
  private SandboxServing() {}

  static int serve(SandboxOptions options) throws InterruptedException {
    Sandbox sandbox = start(options);
    var err = options.spec.commandLine().getErr();
    err.println("Sandbox serving" + (options.realWorld ? " real-world variant forms" : "")
        + "; the environment a client needs is on stdout. Ctrl-C stops it.");
    err.flush();
    SandboxMain.serve(sandbox, options.spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** The sandbox the options describe, started. */
  static Sandbox start(SandboxOptions options) {
    if (!(options.timeScale > 0) || options.timeScale > 1000) {
      throw new ParameterException(options.spec.commandLine(),
          "--time-scale " + options.timeScale + " must be more than 0 and at most 1000");
    }
    for (int port : new int[] {options.port, options.cdnPort}) {
      if (port < 0 || port > 65535) {
        throw new ParameterException(options.spec.commandLine(), "port " + port + " is not one: 1 to 65535, or 0 for "
            + "any free port");
      }
    }
    Sandbox sandbox;
    try {
      sandbox = Sandbox.builder().port(options.port).cdnPort(options.cdnPort)
          .realWorldVariants(options.realWorld).requestsPerMinute(options.requestsPerMinute)
          .concurrencyCeiling(options.ceiling).timeScale(options.timeScale)
          .bulkAssetReads(!options.noBulkAssetReads).start();
    } catch (java.io.UncheckedIOException e) {
      throw new ParameterException(options.spec.commandLine(), "cannot listen on port " + options.port
          + (options.cdnPort == 0 ? "" : " or " + options.cdnPort) + " (" + java.util.Objects.requireNonNull(e.getCause()).getMessage()
          + "); --port 0 picks a free one");
    }
    if (options.faults != null) {
      try {
        FaultText.apply(sandbox.faults(), options.faults);
      } catch (IllegalArgumentException e) {
        sandbox.close();
        throw new ParameterException(options.spec.commandLine(), "--faults: " + e.getMessage());
      }
    }
    return sandbox;
  }
}
