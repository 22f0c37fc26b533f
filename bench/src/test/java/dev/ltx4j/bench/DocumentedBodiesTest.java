package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzzers' seeds and mutator behave as the properties assume. */
class DocumentedBodiesTest {
  @Test
  void mutationsOfTheSameSeedAreTheSame() {
    assertThat(JsonMutator.mutate(DocumentedBodies.JOB_IN_PROGRESS, new Random(3)))
        .isEqualTo(JsonMutator.mutate(DocumentedBodies.JOB_IN_PROGRESS, new Random(3)));
  }

  @Test
  void mutationsChangeTheBody() {
    long changed = new Random(1).longs(100)
        .filter(seed -> !JsonMutator.mutate(DocumentedBodies.JOB_SUCCESS, new Random(seed))
            .equals(DocumentedBodies.JOB_SUCCESS))
        .count();
    assertThat(changed).isGreaterThan(90);
  }

  @Test
  void hugeNumbersReachTheBodyAsBareLiterals() {
    boolean seen = new Random(2).longs(500)
        .mapToObj(seed -> JsonMutator.mutate(DocumentedBodies.JOB_IN_PROGRESS, new Random(seed)))
        .anyMatch(body -> body.contains(":1e400") || body.contains(":9223372036854775808"));
    assertThat(seen).isTrue();
  }
}
