package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxClient;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.FaultKind;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hundred generations through a sandbox that faults one request in five to three in ten. */
class ChaosTest {
  private static final int JOBS = 100;
  private static ChaosReport report;

  @BeforeAll
  static void runHundredGenerationsUnderFaults(@TempDir Path work) throws Exception {
    Path videos = Files.createDirectories(work.resolve("videos"));
    Path cache = work.resolve("render-cache");
    try (Sandbox sandbox = ChaosSetup.sandbox(cache);
         LtxClient client = ChaosSetup.client(sandbox)) {
      ChaosReport.Tally tally = new ChaosRun(sandbox, client, videos).run(JOBS, 48, "ci");
      report = ChaosReport.check(tally, videos, cache, sandbox.counters());
    }
    report.print(System.out);
  }

  @Test
  void everyGenerationEndsWithItsVideoDownloaded() {
    assertThat(report.tally().failures()).isEmpty();
    assertThat(report.videos()).isEqualTo(JOBS);
  }

  @Test
  void everyVideoIsByteIdenticalToTheRenderedFile() {
    assertThat(report.mismatched()).isEmpty();
  }

  @Test
  void noPartialOrStrayFileIsLeftInTheOutputDirectory() {
    assertThat(report.partial()).isEmpty();
  }

  @Test
  void noGenerationIsSubmittedTwice() {
    assertThat(report.maxSubmissionsOfOneBody()).isEqualTo(1);
    assertThat(report.submissions()).isEqualTo(JOBS);
  }

  @Test
  void unknownOutcomesHappenedAndWereRecoveredWithoutResubmitting() {
    assertThat(report.tally().unknownOutcomes()).isPositive();
    assertThat(report.tally().recovered()).isPositive();
  }

  @Test
  void answersWereCutMidBodyAndTrickledPastTheReadTimeoutSubmitsIncluded() {
    assertThat(report.faults(FaultKind.BODY_CUT)).isPositive();
    assertThat(report.faults(FaultKind.TRICKLE)).isPositive();
    long spoiledSubmits = report.faults(FaultKind.BODY_CUT, Endpoint.GENERATE)
        + report.faults(FaultKind.TRICKLE, Endpoint.GENERATE);
    assertThat(spoiledSubmits).as("submits whose job was created but whose answer was spoiled").isPositive();
  }

  @Test
  void faultsReachedEveryEndpointAGenerationUses() {
    assertThat(report.requests().get(Endpoint.GENERATE)).isGreaterThan(JOBS);
    assertThat(report.requests().get(Endpoint.CDN_DOWNLOAD)).isGreaterThan(JOBS);
    assertThat(report.requests().getOrDefault(Endpoint.GET_ASSET, 0L)
        + report.requests().getOrDefault(Endpoint.GET_ASSETS_BULK, 0L)).as("asset reads, alone and in bulk").isPositive();
    assertThat(report.requests().get(Endpoint.LIST_JOBS)).isPositive();
  }
}
