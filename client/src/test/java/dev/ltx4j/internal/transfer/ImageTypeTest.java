package dev.ltx4j.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTypeTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "ffd8ffe000104a464946, JPEG",
      "89504e470d0a1a0a0000, PNG",
      "474946383961, GIF",
      "52494646000000005745425056503820, WEBP",
      "0000001c6674797061766966, AVIF",
      "00000018667479706865696300000000, HEIC",
      "0000001c667479706d69663100000000, HEIC",
      "49492a0008000000, TIFF",
      "4d4d002a00000008, TIFF"})
  void recognisesEachSupportedFormatByItsFirstBytes(String hex, ImageType expected) {
    assertThat(ImageType.detect(java.util.HexFormat.of().parseHex(hex))).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "<svg xmlns='http://www.w3.org/2000/svg'/>|true",
      "  <?xml version='1.0'?><svg/>|true",
      "<!DOCTYPE svg><svg/>|true",
      "<html><body>not svg</body></html>|false",
      "%PDF-1.7|false",
      "0000001c6674797069736f6d|false"})
  void recognisesSvgByItsMarkupOnly(String text, boolean svg) {
    assertThat(ImageType.detect(text.getBytes(StandardCharsets.UTF_8)).isPresent()).isEqualTo(svg);
  }
}
