package dev.ltx4j.cli;

import dev.ltx4j.ApiException;
import dev.ltx4j.ConfigurationException;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.JobCanceledException;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.JobWithoutAssetsException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.SubmissionOutcomeUnknownException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception into one clear line on stderr and its exit code; no stack traces for expected failures. */
final class Errors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    var err = command.getErr();
    int code = code(e);
    String text = message(e);
    if (e instanceof ConfigurationException) {
      text = text.replaceFirst(", or call LtxClient\\.builder\\(\\).*$", ""); // the library's advice, not a command's
    }
    err.println(command.getColorScheme().errorText("ltx4j: " + text));
    if (e instanceof JobTimeoutException timeout) {
      err.println("The job is still running. Resume with: ltx4j wait " + timeout.jobId()
          + hintFlags(command));
    }
    if (e instanceof ConfigurationException) {
      err.println("Add --sandbox to try ltx4j on a local simulator: no credentials, no cost.");
    }
    if (e instanceof SubmissionOutcomeUnknownException) {
      err.println("Nothing was retried. Look for the job with `ltx4j job` / the job list before submitting again.");
    }
    if (e instanceof ApiException api && (api.statusCode() == 401 || api.statusCode() == 403)) {
      err.println("Check SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET (or api-key and api-secret in the config "
          + "file): they are one pair, made together in Scenario's web app.");
    }
    String baseUrl = System.getenv("LTX4J_BASE_URL");
    if (e instanceof ApiException api && api.statusCode() == 404 && baseUrl != null
        && !baseUrl.replaceAll("/+$", "").endsWith("/v1")) {
      err.println("LTX4J_BASE_URL is " + baseUrl + ": the API's root ends in /v1, like https://api.cloud.scenario.com/v1");
    }
    String proxies = ProxyEnvironment.describe(System.getenv());
    if (e instanceof Ltx4jIoException && !proxies.isEmpty()) {
      err.println("Proxy settings in the environment: " + proxies + " (a host NO_PROXY lists, and loopback, are "
          + "reached directly).");
    }
    if (code == ExitCodes.FAILURE) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The options the failed command's printed next steps repeat ({@link CommonOptions#hintFlags()}). */
  private static String hintFlags(CommandLine command) {
    return command.getCommandSpec().mixins().values().stream()
        .filter(mixin -> mixin.userObject() instanceof CommonOptions)
        .map(mixin -> ((CommonOptions) mixin.userObject()).hintFlags()).findFirst().orElse("");
  }

  static int code(Exception e) {
    if (e instanceof CommandException command) {
      return command.exitCode();
    }
    if (e instanceof dev.ltx4j.batch.BatchFolderBusyException) {
      return ExitCodes.BUSY;
    }
    if (e instanceof dev.ltx4j.batch.BatchStoreException) {
      return ExitCodes.NETWORK;
    }
    if (e instanceof InvalidRequestException || e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof ConfigurationException) {
      return ExitCodes.CONFIGURATION;
    }
    if (e instanceof JobFailedException || e instanceof JobCanceledException || e instanceof JobWithoutAssetsException) {
      return ExitCodes.JOB_FAILED;
    }
    if (e instanceof JobTimeoutException) {
      return ExitCodes.TIMEOUT;
    }
    if (e instanceof SubmissionOutcomeUnknownException) {
      return ExitCodes.OUTCOME_UNKNOWN;
    }
    if (e instanceof ApiException) {
      return ExitCodes.API_ERROR;
    }
    if (e instanceof Ltx4jIoException) {
      return ExitCodes.NETWORK;
    }
    return e instanceof dev.ltx4j.Ltx4jException ? ExitCodes.API_ERROR : ExitCodes.FAILURE;
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
