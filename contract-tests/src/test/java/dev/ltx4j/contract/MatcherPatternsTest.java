package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The regular expressions the pacts match with accept the documented shapes and refuse near misses. */
class MatcherPatternsTest {
  @Test
  void aSignedUrlNeedsPolicySignatureAndKeyPairIdInItsQuery() {
    Pattern signed = Pattern.compile(AssetContractTest.SIGNED_URL_PATTERN);
    String url = AssetContractTest.SIGNED_URL;

    assertThat(url).matches(signed);
    assertThat("http://127.0.0.1:8080/files/a.mp4?Key-Pair-Id=K&Signature=s&Policy=p").matches(signed);
    assertThat(url.replace("&Key-Pair-Id=K2ABCDEFGHIJKL", "")).doesNotMatch(signed);
    assertThat(url.replace("Policy=", "Polic=")).doesNotMatch(signed);
    assertThat(url.replace("Signature=Zm9v~YmFy-YmF6_cXV4~", "Signature=")).doesNotMatch(signed);
    assertThat(url.replace("?", "#")).doesNotMatch(signed);
  }

  @Test
  void anImageIsAPngDataUrlInStandardBase64() {
    Pattern png = Pattern.compile(AssetContractTest.PNG_DATA_URL_PATTERN);

    assertThat(AssetContractTest.dataUrl(AssetContractTest.TINY_PNG)).matches(png);
    assertThat("data:image/jpeg;base64,/9j/4AAQ").doesNotMatch(png);
    assertThat("data:image/png,iVBORw0KGgo=").doesNotMatch(png);
    assertThat("data:image/png;base64,iVBO-w0_Ggo=").doesNotMatch(png);
  }

  @Test
  void aTimestampMayCarryFractionalSecondsOrNone() {
    Pattern timestamp = Pattern.compile(Contract.TIMESTAMP_PATTERN);

    assertThat(Contract.TIMESTAMP_EXAMPLE).matches(timestamp);
    assertThat("2025-07-15T10:00:00Z").matches(timestamp);
    assertThat("2026-07-29T10:00:00.123456+02:00").matches(timestamp);
    assertThat("2026-07-29 10:00:00Z").doesNotMatch(timestamp);
    assertThat("2026-07-29T10:00Z").doesNotMatch(timestamp);
  }
}
