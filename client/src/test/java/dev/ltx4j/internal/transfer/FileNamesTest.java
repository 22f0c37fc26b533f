package dev.ltx4j.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void theFirstFileKeepsItsNameAndFurtherOnesAreNumberedBeforeTheExtension() {
    Path first = Path.of("videos", "clip.mp4");

    assertThat(FileNames.numbered(first, 1)).isEqualTo(first);
    assertThat(FileNames.numbered(first, 2)).isEqualTo(Path.of("videos", "clip-2.mp4"));
    assertThat(FileNames.numbered(first, 10)).isEqualTo(Path.of("videos", "clip-10.mp4"));
  }

  @Test
  void aNameWithoutExtensionOrAHiddenFileGetsTheNumberAtTheEnd() {
    assertThat(FileNames.numbered(Path.of("clip"), 2)).isEqualTo(Path.of("clip-2"));
    assertThat(FileNames.numbered(Path.of(".clip"), 2)).isEqualTo(Path.of(".clip-2"));
    assertThat(FileNames.numbered(Path.of("a.b", "clip.tar.gz"), 3)).isEqualTo(Path.of("a.b", "clip.tar-3.gz"));
  }
}
