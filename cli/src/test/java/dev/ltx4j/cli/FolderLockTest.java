package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {
  @TempDir Path dir;

  @Test
  void aLockFileLeftByADeadHolderDoesNotBlockAndIsRewrittenWithTheNewHolder() throws Exception {
    Files.writeString(dir.resolve(FolderLock.FILE_NAME), "pid 999999 on elsewhere, since 2020-01-01T00:00:00Z\n");

    try (FolderLock lock = FolderLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(FolderLock.FILE_NAME)))
          .startsWith("pid " + ProcessHandle.current().pid() + " on ")
          .doesNotContain("999999");
    }
  }
}
