package dev.ltx4j.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Serve the sandbox (a local simulator of the API) until Ctrl-C.",
    footer = {"%nExamples:", "  ltx4j sandbox --port 8080",
        "  ltx4j sandbox --port 0   # any free port; LTX4J_BASE_URL=… and the credentials are printed",
        "  ltx4j sandbox --real-world   # answers in the variant forms a client must also read",
        "  ltx4j sandbox --ceiling 4 --time-scale 0.1   # generations of about 6 s, four at once",
        "  ltx4j sandbox --faults serverErrors:GET_JOB=0.2,creditsLeft=40   # flaky polls, then out of credits"})
final class SandboxCommand implements Callable<Integer> {
  // No sandbox type in a field or a method's signature here: picocli reads them for every command, and the sandbox's
  // libraries are on the class path only of the commands that use them (bin/ltx4j).
  @Spec CommandSpec spec;

  @Mixin SandboxOptions options;

  @Option(names = "--stop", description = "Stop the local sandbox that --sandbox commands share, if one is running.")
  boolean stop;

  @Option(names = "--background", hidden = true, paramLabel = "FOLDER",
      description = "Serve as the sandbox --sandbox commands share, publishing its address in FOLDER.")
  java.nio.file.@Nullable Path background;

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    if (stop) {
      SharedSandbox shared = SharedSandbox.forUser(System.getenv());
      out.println(shared.stop() ? "Stopped the local sandbox." : "No local sandbox was running.");
      return ExitCodes.OK;
    }
    if (background != null) {
      return BackgroundSandbox.serve(new SharedSandbox(background), SharedSandbox.IDLE);
    }
    return SandboxServing.serve(options);
  }
}
