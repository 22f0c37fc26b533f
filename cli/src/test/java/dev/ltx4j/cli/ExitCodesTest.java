package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobTimeoutException;
import dev.ltx4j.JobWithoutAssetsException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.UnexpectedResponseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The exit codes listed in {@code ltx4j --help} are the ones the commands return, for the reasons given there. */
class ExitCodesTest {
  private final String help = String.format(ExitCodes.HELP);

  @Test
  void everyExitCodeIsExplainedInTheHelp() throws IllegalAccessException {
    for (Field field : ExitCodes.class.getDeclaredFields()) {
      if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
        int code = field.getInt(null);
        assertThat(help).as(field.getName()).containsPattern("(?m)^  " + code + " +\\S");
      }
    }
  }

  @Test
  void aJobThatFinishedWithoutAVideoIsAJobFailure() {
    assertThat(help).contains("4  the job failed, was canceled or finished without a video");
    assertThat(Errors.code(new JobWithoutAssetsException("job_a"))).isEqualTo(ExitCodes.JOB_FAILED);
  }

  @Test
  void onlyTheDeadlineEndsWithTheTimeoutCode() {
    assertThat(help).doesNotContain("interrupted (");
    assertThat(Errors.code(new JobTimeoutException("job_a", null, null, Duration.ofSeconds(9), null)))
        .isEqualTo(ExitCodes.TIMEOUT);
  }

  @Test
  void anAnswerLtx4jCannotUseIsAnApiErrorAndALocalFileProblemANetworkOne() {
    assertThat(Errors.code(new UnexpectedResponseException("garbled"))).isEqualTo(ExitCodes.API_ERROR);
    assertThat(Errors.code(new Ltx4jIoException("Could not read a.png", new IOException("denied"))))
        .isEqualTo(ExitCodes.NETWORK);
    assertThat(help).contains("7  network failure, a local file that could not be read or written, or batch lines left open by them");
  }

  @Test
  void aTimedOutWaitSaysHowToResumeItOnTheSameService() {
    for (String[] args : new String[][] {{"job_a", "--sandbox"}, {"job_a"}}) {
      CommandLine wait = new CommandLine(new WaitCommand());
      StringWriter err = new StringWriter();
      wait.setErr(new PrintWriter(err));
      CommandLine.ParseResult parsed = wait.parseArgs(args);

      int code = new Errors().handleExecutionException(
          new JobTimeoutException("job_a", null, null, Duration.ofSeconds(9), null), wait, parsed);

      assertThat(code).isEqualTo(ExitCodes.TIMEOUT);
      assertThat(err.toString()).contains("Resume with: ltx4j wait job_a" + (args.length == 2 ? " --sandbox\n" : "\n"));
    }
  }
}
