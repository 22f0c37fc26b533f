package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The multi-worker chaos run at CI size: three worker JVMs, two SIGKILLs, one worker ending itself mid-submit. */
class MultiWorkerChaosTest {
  @Test
  void killedWorkersNeitherLoseNorDuplicateALine() throws Exception {
    MultiWorkerChaos.Result result = MultiWorkerChaos.run(new MultiWorkerChaos.Settings(24, 3, 2, 1, 4, 100, 0.05,
        Duration.ofSeconds(20), 3, Duration.ofSeconds(2), 5, Path.of("target", "multi-worker-chaos-test")));

    System.out.println(result.line());
    assertThat(result.videos()).isEqualTo(24);
    assertThat(result.lost()).isZero();
    assertThat(result.duplicates()).isZero();
    assertThat(result.rate429()).isZero();
    assertThat(result.workerKills()).isEqualTo(2);
    assertThat(result.peakRunning()).isLessThanOrEqualTo(4);
  }
}
