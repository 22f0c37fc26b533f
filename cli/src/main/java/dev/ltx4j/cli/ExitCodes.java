package dev.ltx4j.cli;

/** The exit codes of every ltx4j command; listed in {@code ltx4j --help}. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int CONFIGURATION = 3;
  static final int JOB_FAILED = 4;
  static final int TIMEOUT = 5;
  static final int API_ERROR = 6;
  static final int NETWORK = 7;
  static final int OUTCOME_UNKNOWN = 8;
  static final int BUSY = 9;
  static final int NOT_SAVED = 10;
  static final int ACCOUNT_REFUSED = 11;
  static final int DRIFT = 12;

  /** What each code means, as {@link Errors#code} and the commands really return it. */
  static final String HELP = "%nExit codes:%n"
      + "  0  success%n"
      + "  1  unexpected failure (a stack trace follows)%n"
      + "  2  invalid arguments, request, input file, batch journal or output path (nothing was sent)%n"
      + "  3  missing credentials or bad configuration%n"
      + "  4  the job failed, was canceled or finished without a video%n"
      + "  5  the wait reached its deadline (the job id is printed; resume with `ltx4j wait`)%n"
      + "  6  the API answered with an error, or with an answer ltx4j cannot use%n"
      + "  7  network failure, a local file that could not be read or written, or batch lines left open by them%n"
      + "  8  a generation may have been created but its job is unknown (see the hint)%n"
      + "  9  the batch output folder is in use by another batch (nothing was sent)%n"
      + "  10 the job finished but its video could not be saved (see the hint)%n"
      + "  11 the account refused a paid request (out of credits, a disabled key): a batch stopped sending%n"
      + "  12 spec-check: what the service publishes for the model differs from the bundled spec%n"
      + "A command stopped with Ctrl-C ends with the signal's status (130) after printing the job id, or with 8 when%n"
      + "a paid request was on its way (it prints how to find the job it may have created).%n";

  private ExitCodes() {}
}
