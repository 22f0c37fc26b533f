package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options and batch lines go through one mapping: the same values make the same request and the same faults. */
class RequestOptionsTest {
  @Test
  void optionsAndABatchLineWithTheSameValuesMakeTheSameRequest() {
    RequestOptions options = new RequestOptions();
    options.resolution = "1080p";
    options.duration = 8;
    options.fps = 24;
    options.cameraMotion = "dolly_in";
    options.noAudio = true;
    options.startImage = "asset_first";

    LtxRequest fromLine = RequestFields.toRequest(Map.of("prompt", "A cat", "resolution", "1080p", "duration", 8.0,
        "fps", 24.0, "cameraMotion", "dolly_in", "generateAudio", false, "startImage", "asset_first"));

    assertThat(options.check("A cat")).isEqualTo(fromLine);
  }

  @Test
  void anInvalidValueIsReportedAlikeFromAnOptionAndFromABatchLineEachInItsOwnTerms() {
    RequestOptions options = new RequestOptions();
    options.duration = 7;

    InvalidRequestException fromOption = catchThrowableOfType(() -> options.check("A cat"),
        InvalidRequestException.class);
    InvalidRequestException fromLine = catchThrowableOfType(
        () -> RequestFields.toRequest(Map.of("prompt", "A cat", "duration", 7.0)), InvalidRequestException.class);

    assertThat(fromOption).isNotNull();
    assertThat(fromOption.parameter()).isEqualTo(fromLine.parameter());
    assertThat(fromOption.getMessage()).isEqualTo(fromLine.getMessage().replace("duration", "--duration"));
  }

  @Test
  void anEndImageAloneIsRefusedInTheFlagsTypedWithoutAPlaceholderId() {
    RequestOptions options = new RequestOptions();
    options.endImage = "asset_last";

    InvalidRequestException refused = catchThrowableOfType(() -> options.check("A cat"),
        InvalidRequestException.class);

    assertThat(refused.getMessage()).contains("--end-image").contains("--start-image").doesNotContain("endImage")
        .doesNotContain("asset_pending");
  }

  @Test
  void aCameraMotionIsReadWhateverItsCase() {
    RequestOptions options = new RequestOptions();
    options.cameraMotion = "DOLLY_IN";

    assertThat(options.check("A cat").toModel().cameraMotion()).isEqualTo(dev.ltx4j.model.CameraMotion.DOLLY_IN);
  }

  @Test
  void aFrameThatIsNeitherAnAssetIdNorAFileIsRefusedBeforeAnythingIsSent() {
    RequestOptions options = new RequestOptions();
    options.startImage = "no-such-frame.png";

    InvalidRequestException refused = catchThrowableOfType(() -> options.check("A cat"),
        InvalidRequestException.class);

    assertThat(refused.parameter()).isEqualTo("startImage");
    assertThat(refused.getMessage()).contains("--start-image no-such-frame.png: no such file")
        .contains("ltx4j upload");
  }
}
