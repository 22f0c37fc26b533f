package dev.ltx4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ltx4j} command. */
@Command(name = "ltx4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Generate videos with Lightricks' LTX 2.3 Fast on Scenario's API, or on a local sandbox.",
    subcommands = {GenerateCommand.class, QuoteCommand.class, JobCommand.class, WaitCommand.class,
        DownloadCommand.class, UploadCommand.class, BatchCommand.class, SandboxCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"%nCredentials come from SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET; --sandbox needs none.",
        ExitCodes.HELP})
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line and returns its exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine command = new CommandLine(new Main())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(new Errors());
    command.setParameterExceptionHandler((e, line) -> {
      err.println("ltx4j: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    });
    return command.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ltx4j " + (version == null ? "dev" : version) + " (java " + System.getProperty("java.version") + ")"};
    }
  }
}
