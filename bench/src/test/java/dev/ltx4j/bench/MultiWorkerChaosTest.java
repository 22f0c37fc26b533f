package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The multi-worker chaos run at CI size: three worker JVMs on a real PostgreSQL server, two SIGKILLs, one worker
 * ending itself mid-submit, two pauses past the lease with the paused worker's sessions ended, one database outage
 * and one network cut.
 */
class MultiWorkerChaosTest {
  @Test
  void killedPausedAndCutOffWorkersNeitherLoseNorDuplicateNorStrandALine() throws Exception {
    MultiWorkerChaos.Result result = MultiWorkerChaos.run(new MultiWorkerChaos.Settings(30, 3, 2, 1, 2, 1,
        Duration.ofSeconds(8), 1, Duration.ofSeconds(6), 4, 100, 0.05, Duration.ofSeconds(20), 3,
        Duration.ofSeconds(2), Duration.ofSeconds(4), 5, Path.of("target", "multi-worker-chaos-test")));

    System.out.println(result.line());
    assertThat(result.videos()).isEqualTo(30);
    assertThat(result.lost()).isZero();
    assertThat(result.stuck()).isZero();
    assertThat(result.duplicates()).isZero();
    assertThat(result.rate429()).isZero();
    assertThat(result.workerKills()).isEqualTo(2);
    assertThat(result.pauses()).isEqualTo(2);
    assertThat(result.dbOutages()).isEqualTo(1);
    assertThat(result.peakRunning()).isLessThanOrEqualTo(4);
    assertThat(result.busiestMinute()).isLessThanOrEqualTo(100);
  }
}
