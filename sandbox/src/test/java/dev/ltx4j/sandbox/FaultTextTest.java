package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTextTest {
  @Test
  void bodyCutsAndTricklesAreReadFromText() {
    Faults faults = FaultText.apply(new Faults(1),
        "bodyCuts:GENERATE=1,trickledBodies:GET_JOB=1,trickleBytes=4,trickleMs=250");

    assertThat(faults.decide(Endpoint.GENERATE).kind()).isEqualTo(FaultKind.BODY_CUT);
    assertThat(faults.decide(Endpoint.GET_JOB).kind()).isEqualTo(FaultKind.TRICKLE);
    assertThat(faults.decide(Endpoint.GET_ASSET).kind()).isNull();
    assertThat(faults.trickleBytes()).isEqualTo(4);
    assertThat(faults.tricklePause()).isEqualTo(Duration.ofMillis(250));
  }
}
