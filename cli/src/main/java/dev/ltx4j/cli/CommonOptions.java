package dev.ltx4j.cli;

import dev.ltx4j.LtxClientBuilder;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command takes: where to send requests, and how to print. */
final class CommonOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--sandbox", description = "Run against the local sandbox: no credentials, no cost. Every "
      + "--sandbox command shares one (started in the background by the first, stopped after 30 min without a request "
      + "or by `ltx4j sandbox --stop`); LTX4J_CLI_SANDBOX=private runs a new one inside the command instead.")
  boolean sandbox;

  @Option(names = "--json", description = "Print one machine-readable JSON result on stdout, no progress.")
  boolean json;

  @Option(names = "--no-progress", description = "No progress bars (they are also off when stderr is not a terminal).")
  boolean noProgress;

  Backend open() {
    return Backend.open(sandbox, err());
  }

  /** The backend with a command's own client settings. */
  Backend open(UnaryOperator<LtxClientBuilder> settings) {
    return Backend.open(sandbox, err(), settings);
  }

  /** The options a printed next step must repeat to reach the same service: {@code " --sandbox"} or nothing. */
  String hintFlags() {
    return sandbox ? " --sandbox" : "";
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Progress bars only for a person at a terminal. */
  boolean showProgress() {
    return !json && !noProgress && System.console() != null;
  }

  Output output() {
    return new Output(out(), err(), json);
  }
}
