package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import java.util.List;
import java.util.Map;
import dev.ltx4j.RequestParameter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import org.junit.jupiter.api.Test;

/** Options and batch lines go through one mapping: the same values make the same request and the same faults. */
class RequestOptionsTest {
  @Test
  void optionsAndABatchLineWithTheSameValuesMakeTheSameRequest() {
    RequestOptions options = parsed("--resolution", "1080p", "--duration", "8", "--fps", "24", "--camera-motion",
        "dolly_in", "--no-audio", "--start-image", "asset_first");

    LtxRequest fromLine = RequestFields.toRequest(Map.of("prompt", "A cat", "resolution", "1080p", "duration", 8.0,
        "fps", 24.0, "cameraMotion", "dolly_in", "generateAudio", false, "startImage", "asset_first"));

    assertThat(options.check("A cat")).isEqualTo(fromLine);
  }

  @Test
  void anInvalidValueIsReportedAlikeFromAnOptionAndFromABatchLineEachInItsOwnTerms() {
    RequestOptions options = parsed("--duration", "7");

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
    RequestOptions options = parsed("--end-image", "asset_last");

    InvalidRequestException refused = catchThrowableOfType(() -> options.check("A cat"),
        InvalidRequestException.class);

    assertThat(refused.getMessage()).contains("--end-image").contains("--start-image").doesNotContain("endImage")
        .doesNotContain("asset_pending");
  }

  @Test
  void aCameraMotionIsReadWhateverItsCase() {
    RequestOptions options = parsed("--camera-motion", "DOLLY_IN");

    assertThat(options.check("A cat").toModel().cameraMotion()).isEqualTo(dev.ltx4j.model.CameraMotion.DOLLY_IN);
  }

  @Test
  void aFrameThatIsNeitherAnAssetIdNorAFileIsRefusedBeforeAnythingIsSent() {
    RequestOptions options = parsed("--start-image", "no-such-frame.png");

    InvalidRequestException refused = catchThrowableOfType(() -> options.check("A cat"),
        InvalidRequestException.class);

    assertThat(refused.parameter()).isEqualTo("startImage");
    assertThat(refused.getMessage()).contains("--start-image no-such-frame.png: no such file")
        .contains("ltx4j upload");
  }

  @Test
  void everyOptionalParameterOfTheSpecIsAnOptionOfGenerateAndQuote() {
    CommandLine root = RequestOptions.install(new CommandLine(new Main()));
    for (String command : List.of("generate", "quote")) {
      CommandSpec spec = root.getSubcommands().get(command).getCommandSpec();
      for (RequestParameter parameter : LtxRequest.parameters()) {
        if (!parameter.required()) {
          assertThat(spec.findOption(parameter.flag())).as(command + " " + parameter.name()).isNotNull();
        }
      }
    }
  }

  /** The request options of {@code ltx4j quote PROMPT ARGS…}, parsed as the command line would. */
  private static RequestOptions parsed(String... args) {
    QuoteCommand quote = new QuoteCommand();
    CommandLine line = RequestOptions.install(new CommandLine(quote));
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("A cat");
    line.parseArgs(all.toArray(String[]::new));
    return quote.request;
  }
}
