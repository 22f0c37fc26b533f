package dev.ltx4j.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFileTest {
  @TempDir Path dir;

  @Test
  void isCreatedWithTheModeOfAnyNewFileNotOnlyForItsOwner() throws IOException {
    Path probe = Files.createFile(dir.resolve("probe"));
    try (PartFile part = PartFile.beside(dir.resolve("v.mp4"))) {
      assertThat(Files.getPosixFilePermissions(part.path())).isEqualTo(Files.getPosixFilePermissions(probe));
    }
  }

  @Test
  void removesThePartFilesADeadDownloadLeftBesideTheSameTarget() throws IOException {
    Path abandoned = Files.writeString(dir.resolve(".v.mp4.123abc.part"), "half a video");
    Path otherTarget = Files.writeString(dir.resolve(".w.mp4.123abc.part"), "another video's part");

    try (PartFile part = PartFile.beside(dir.resolve("v.mp4"))) {
      assertThat(abandoned).doesNotExist();
      assertThat(otherTarget).exists();
      assertThat(part.path()).exists();
    }
  }

  @Test
  void leavesThePartFileOfADownloadStillRunning() throws IOException {
    try (PartFile running = PartFile.beside(dir.resolve("v.mp4"));
        PartFile second = PartFile.beside(dir.resolve("v.mp4"))) {
      assertThat(running.path()).exists();
      assertThat(second.path()).isNotEqualTo(running.path()).exists();
    }
  }

  @Test
  void refusesARootDirectoryAsItsTarget() {
    Path root = dir.getRoot();

    assertThatThrownBy(() -> PartFile.beside(root))
        .isInstanceOf(IOException.class)
        .hasMessage(root + " is a root directory, not a file");
  }

  @Test
  void movesIntoPlaceWholeAndLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("v.mp4");
    try (PartFile part = PartFile.beside(target)) {
      part.channel().write(ByteBuffer.wrap("video".getBytes(StandardCharsets.UTF_8)));
      part.moveTo(target, false);
    }
    assertThat(Files.readString(target)).isEqualTo("video");
    assertThat(list()).containsExactly(target);
  }

  @Test
  void refusesToReplaceAnExistingTargetUnlessAskedAndRemovesItselfOnClose() throws IOException {
    Path target = Files.writeString(dir.resolve("v.mp4"), "old");
    try (PartFile part = PartFile.beside(target)) {
      assertThatThrownBy(() -> part.moveTo(target, false)).isInstanceOf(FileAlreadyExistsException.class);
    }
    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(list()).containsExactly(target);
  }

  @Test
  void syncsALargeFileOnOneBackgroundThreadThatEndsOnceTheFileIsMoved() throws Exception {
    Path target = dir.resolve("v.mp4");
    ByteBuffer block = ByteBuffer.allocate(1 << 20);
    try (PartFile part = PartFile.beside(target)) {
      DownloadSink sink = DownloadSink.of(part);
      for (int i = 0; i < (int) (Writeback.STEP >> 20) + 1; i++) {
        block.clear();
        block.put(0, (byte) i);
        sink.write(block);
      }
      assertThat(writebackThreads()).hasSize(1);
      part.moveTo(target, false);
    }
    for (int i = 0; i < 500 && !writebackThreads().isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(writebackThreads()).isEmpty();
    assertThat(Files.size(target)).isEqualTo(Writeback.STEP + (1 << 20));
    assertThat(list()).containsExactly(target);
  }

  @Test
  void aSmallFileStartsNoBackgroundSync() throws IOException {
    Path target = dir.resolve("v.mp4");
    try (PartFile part = PartFile.beside(target)) {
      DownloadSink.of(part).write(ByteBuffer.wrap("video".getBytes(StandardCharsets.UTF_8)));
      assertThat(writebackThreads()).isEmpty();
      part.moveTo(target, false);
    }
    assertThat(Files.readString(target)).isEqualTo("video");
  }

  private static java.util.List<Thread> writebackThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ltx4j-writeback")).toList();
  }

  private java.util.List<Path> list() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
