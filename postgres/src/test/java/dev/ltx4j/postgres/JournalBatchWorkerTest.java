package dev.ltx4j.postgres;

import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.batch.JournalStore;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** The batch protocol end to end on the journal in a folder. */
class JournalBatchWorkerTest extends BatchWorkerContract {
  @Override
  BatchStore newStore() throws Exception {
    return JournalStore.open(Files.createTempDirectory(Files.createDirectories(Path.of("target", "journal-workers")),
        "batch"));
  }

  @Override
  void leaseLapses(String workerId) throws Exception {
    // One process holds a journal, so its workers' leases live in its memory: the test ends one as a death would.
    Method lapse = JournalStore.class.getDeclaredMethod("leaseLapses", String.class);
    lapse.setAccessible(true);
    lapse.invoke(store, workerId);
  }
}
