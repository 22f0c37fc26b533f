package dev.ltx4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ltx4j} command. */
@Command(name = "ltx4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Generate videos with Lightricks' LTX 2.3 Fast on Scenario's API, or on a local sandbox.",
    subcommands = {GenerateCommand.class, QuoteCommand.class, JobCommand.class, JobsCommand.class, WaitCommand.class,
        DownloadCommand.class, UploadCommand.class, BatchCommand.class, WorkerCommand.class,
        BatchStatusCommand.class, SandboxCommand.class, SpecCheckCommand.class,
        CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
    footer = {"%nCredentials come from SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET; --sandbox needs none.",
        "Option defaults may be set in ~/.config/ltx4j/config.properties (e.g. deadline=1h, ltx4j.generate.fps=24).",
        "Shell completion: source <(ltx4j generate-completion)", ExitCodes.HELP})
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
    RequestOptions.install(command);
    Path config = ConfigFile.location();
    if (Files.isRegularFile(config)) { // picocli would warn about a file most users never create
      ConfigFile settings;
      try {
        settings = ConfigFile.load(config);
      } catch (CommandException e) {
        err.println("ltx4j: " + e.getMessage());
        return e.exitCode();
      }
      String unknown = ConfigKeys.unknown(command, config, settings.properties());
      if (unknown != null) {
        err.println("ltx4j: " + unknown);
        return ExitCodes.CONFIGURATION;
      }
      command.setDefaultValueProvider(settings);
    }
    command.setParameterExceptionHandler((e, line) -> {
      Optional<String> key = e.getArgSpec() instanceof CommandLine.Model.OptionSpec option
          ? ConfigFile.of(command.getCommandSpec()).flatMap(file -> file.keyOf(option, List.of(line)))
          : Optional.empty();
      if (key.isPresent()) {
        err.println("ltx4j: " + e.getMessage() + " (from the config file " + config + ", key '" + key.get() + "')");
        return ExitCodes.CONFIGURATION;
      }
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
