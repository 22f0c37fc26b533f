package dev.ltx4j.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/** The journal in a folder keeps the batch protocol, and its file survives a kill at any byte. */
class JournalStoreTest extends BatchStoreContract {
  private Path folder;

  @Override
  protected BatchStore newStore() throws Exception {
    folder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "journal-stores")), "store");
    return JournalStore.open(folder);
  }

  @Override
  protected void leaseLapses(String workerId) {
    ((JournalStore) store).leaseLapses(workerId);
  }

  @Test
  void aReopenedJournalHoldsEveryLinesStateButNoOwner() {
    store.create(BATCH, "lines.jsonl", lines(3, "a"), 9.0);
    store.register("w1", BATCH, "host");
    Claim one = store.claim(BATCH, "w1", TIMEOUT, 1, false).get(0);
    store.takeSeat(one, 4);
    store.markSubmitting(one);
    store.markSubmitted(one, "job_1", 2.0);
    store.markDone(one, "/out/line-1.mp4");
    Claim two = store.claim(BATCH, "w1", TIMEOUT, 1, false).get(0);
    store.takeSeat(two, 4);
    store.markSubmitting(two);
    store.stop(BATCH, "HTTP 402");
    store.close();

    store = JournalStore.open(folder);

    assertThat(store.line(BATCH, 1).orElseThrow().state()).isEqualTo(LineState.DONE);
    BatchLine sent = store.line(BATCH, 2).orElseThrow();
    assertThat(sent.state()).isEqualTo(LineState.SUBMITTING);
    assertThat(sent.sentAt()).isNotNull();
    BatchStatus status = store.status(BATCH).orElseThrow();
    assertThat(status.stopped()).isEqualTo("HTTP 402");
    assertThat(status.maxCredits()).isEqualTo(9.0);
    store.register("w2", BATCH, "host");
    assertThat(store.claim(BATCH, "w2", TIMEOUT, 5, false)).extracting(claim -> claim.line().line())
        .containsExactly(2, 3);
  }

  @Test
  void aRecordTornByAKillIsIgnored() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.close();
    Files.writeString(folder.resolve(JournalStore.FILE_NAME), "\n{\"event\":\"submitting\",\"line\":1,\"at\":\"20",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    store = JournalStore.open(folder);

    assertThat(store.line(BATCH, 1).orElseThrow().state()).isEqualTo(LineState.PENDING);
  }

  @Test
  void aRecordThatIsNotOneIsAnErrorNamingTheFileAndLine() throws Exception {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);
    store.close();
    Path file = folder.resolve(JournalStore.FILE_NAME);
    long lines = Files.readAllLines(file).size();
    Files.writeString(file, "{\"event\":\"teleported\",\"line\":1}\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    assertThatThrownBy(() -> store = JournalStore.open(folder)).isInstanceOf(BatchStoreException.class)
        .hasMessageContaining(file + " line " + (lines + 1)).hasMessageContaining("unknown event teleported");
    store = JournalStore.open(folder.resolveSibling(folder.getFileName() + "-fresh"));
  }

  @Test
  void aSecondRunOnTheFolderIsRefused() {
    assertThatThrownBy(() -> JournalStore.open(folder)).isInstanceOf(BatchFolderBusyException.class)
        .hasMessageContaining("another batch in this process").hasMessageContaining("Nothing was sent");
  }

  @Test
  void aFolderHoldsOneBatch() {
    store.create(BATCH, "lines.jsonl", lines(1, "a"), null);

    assertThatThrownBy(() -> store.create("another", "other.jsonl", lines(1, "b"), null))
        .isInstanceOf(BatchStoreException.class).hasMessageContaining("one folder holds one batch");
  }
}
