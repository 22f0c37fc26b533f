package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NumberedFileTest {
  @Test
  void theFirstFileKeepsItsNameAndFurtherOnesAreNumberedBeforeTheExtension() {
    Path first = Path.of("videos", "clip.mp4");

    assertThat(Assets.numberedFile(first, 1)).isEqualTo(first);
    assertThat(Assets.numberedFile(first, 2)).isEqualTo(Path.of("videos", "clip-2.mp4"));
    assertThat(Assets.numberedFile(first, 10)).isEqualTo(Path.of("videos", "clip-10.mp4"));
  }

  @Test
  void aNameWithoutExtensionOrAHiddenFileGetsTheNumberAtTheEnd() {
    assertThat(Assets.numberedFile(Path.of("clip"), 2)).isEqualTo(Path.of("clip-2"));
    assertThat(Assets.numberedFile(Path.of(".clip"), 2)).isEqualTo(Path.of(".clip-2"));
    assertThat(Assets.numberedFile(Path.of("a.b", "clip.tar.gz"), 3)).isEqualTo(Path.of("a.b", "clip.tar-3.gz"));
  }
}
