package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobQuery;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run, smaller, against a sandbox answering in the real-world variant forms: lost submissions are found
 * through lists whose jobs say {@code id}, whose timestamps have no milliseconds and whose tokens are padded base64.
 */
class ChaosRealWorldTest {
  private static final int JOBS = 30;
  /**
   * With 30 generations the mix's 5 % may lose no created job; at 30 % about 29 % of submissions lose one, and none
   * in 30 has a chance of about 3 in 100,000.
   */
  private static final double RESET_AFTER_ACCEPT = 0.3;
  private static ChaosReport report;
  private static JobSnapshot newest;

  @BeforeAll
  static void runThirtyGenerationsUnderFaultsInTheVariantForms(@TempDir Path work) throws Exception {
    Path videos = Files.createDirectories(work.resolve("videos"));
    Path cache = work.resolve("render-cache");
    try (Sandbox sandbox = ChaosSetup.sandbox(cache, true);
         LtxClient client = ChaosSetup.client(sandbox)) {
      ChaosReport.Tally tally = new ChaosRun(sandbox, client, videos).resetAfterAccept(RESET_AFTER_ACCEPT)
          .run(JOBS, 16, "ci-real-world");
      report = ChaosReport.check(tally, videos, cache, sandbox.counters());
      newest = client.listJobsPage(new JobQuery(null, null, 1), null).jobs().get(0);
    }
    report.print(System.out);
  }

  @Test
  void theSandboxAnsweredInTheVariantForms() {
    assertThat(newest.job().jobId()).isNull();
    assertThat(newest.job().id()).startsWith("job_");
    assertThat(newest.job().metadata().assetId()).startsWith("asset_");
    assertThat(newest.job().createdAt().getNano()).isZero();
  }

  @Test
  void everyGenerationEndsWithAByteIdenticalVideoAndNoStrayFile() {
    assertThat(report.tally().failures()).isEmpty();
    assertThat(report.videos()).isEqualTo(JOBS);
    assertThat(report.mismatched()).isEmpty();
    assertThat(report.partial()).isEmpty();
  }

  @Test
  void noGenerationIsSubmittedTwice() {
    assertThat(report.maxSubmissionsOfOneBody()).isEqualTo(1);
    assertThat(report.submissions()).isEqualTo(JOBS);
  }

  @Test
  void lostSubmissionsAreFoundInTheVariantListsWithoutResubmitting() {
    assertThat(report.tally().recovered()).isPositive();
    assertThat(report.requests().get(Endpoint.LIST_JOBS)).isPositive();
  }
}
