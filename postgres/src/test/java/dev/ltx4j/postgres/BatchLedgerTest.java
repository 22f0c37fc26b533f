package dev.ltx4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.LtxRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchLedgerTest {
  static DataSource db;

  @BeforeAll
  static void database() {
    db = EmbeddedPg.freshDatabase("ledger_test");
  }

  @Test
  void orphanClaimsTakeTheDeadWorkersLinesThatHoldASeatOrASentRequestAndNothingElse() throws Exception {
    try (PostgresStore store = PostgresStore.create(db)) {
      BatchLedger ledger = store.ledger();
      List<BatchLedger.NewLine> lines = new ArrayList<>();
      for (int line = 1; line <= 5; line++) {
        lines.add(BatchLedger.NewLine.of(line, "take " + line, LtxRequest.of("take " + line)));
      }
      ledger.createBatch("orphans", "test", lines);
      ledger.register("dead", "orphans", "test");
      ledger.register("live", "orphans", "test");
      BatchLine one = ledger.claim("orphans", "dead", Duration.ofMinutes(1)).orElseThrow(); // sent, answered
      BatchLine two = ledger.claim("orphans", "dead", Duration.ofMinutes(1)).orElseThrow(); // holds a seat
      ledger.claim("orphans", "dead", Duration.ofMinutes(1)).orElseThrow(); // line 3: neither
      BatchLine four = ledger.claim("orphans", "live", Duration.ofMinutes(1)).orElseThrow(); // alive
      try (Connection connection = db.getConnection()) {
        assertThat(ledger.markSubmitting(connection, one, "dead", Instant.now())).isTrue();
        assertThat(ledger.markSubmitting(connection, four, "live", Instant.now())).isTrue();
        try (PreparedStatement dead = connection.prepareStatement(
            "UPDATE ltx4j_worker SET seen_at = now() - interval '1 hour' WHERE id = 'dead'")) {
          dead.executeUpdate();
        }
      }
      assertThat(ledger.markSubmitted(one, "job-1", null)).isTrue();
      assertThat(store.jobSlots("orphans-pool", 3).tryTakeBound(LineSubmitter.slotKey(two))).isTrue();

      ledger.register("rescuer", "orphans", "test");
      ledger.register("other", "orphans", "test");
      List<BatchLine> taken = ledger.claimOrphans("orphans", "rescuer", Duration.ofSeconds(10), 10);

      assertThat(taken).extracting(BatchLine::line).containsExactlyInAnyOrder(1, 2);
      BatchLine sent = taken.stream().filter(line -> line.line() == 1).findFirst().orElseThrow();
      assertThat(sent.state()).isEqualTo(LineState.SUBMITTED);
      assertThat(sent.jobId()).isEqualTo("job-1");
      assertThat(ledger.claimOrphans("orphans", "other", Duration.ofSeconds(10), 10)).isEmpty();
      assertThat(ledger.claim("orphans", "other", Duration.ofSeconds(10)).orElseThrow().line()).isEqualTo(3);
    }
  }
}
