package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.model.CameraMotion;
import dev.ltx4j.model.VideoResolution;
import java.util.Map;
import java.util.function.Supplier;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class RequestValidationTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = new VirtualTime();

  @Test
  void refusesAMissingPromptAsAnInvalidRequest() {
    assertRefused("prompt", "prompt is required", () -> LtxRequest.builder().fps(25).build());
  }

  @Test
  void refusesABlankPrompt() {
    assertRefused("prompt", "must not be blank", () -> LtxRequest.builder().prompt("  ").build());
  }

  @Test
  void refusesAPromptLongerThanTheLimitAndTakesOneAtTheLimit() {
    assertRefused("prompt", "5001 characters long; at most 5000",
        () -> LtxRequest.builder().prompt("a".repeat(5001)).build());
    assertThat(LtxRequest.of("a".repeat(5000))).isNotNull();
  }

  @Test
  void refusesADurationOffTheTwoSecondSteps() {
    assertRefused("duration", "duration 7 is not allowed; allowed: [6, 8, 10, 12, 14, 16, 18, 20]",
        () -> LtxRequest.builder().prompt("p").durationSeconds(7).build());
    assertRefused("duration", "duration 22", () -> LtxRequest.builder().prompt("p").durationSeconds(22).build());
  }

  @Test
  void refusesAnUnknownFps() {
    assertRefused("fps", "fps 30 is not allowed; allowed: [24, 25, 48, 50]",
        () -> LtxRequest.builder().prompt("p").fps(30).build());
  }

  @Test
  void refusesLongVideosUnlessAt1080pWith24Or25Fps() {
    assertRefused("resolution", "duration 12 needs resolution 1080p, not 4k",
        () -> LtxRequest.builder().prompt("p").durationSeconds(12).resolution(VideoResolution.RES_4K).build());
    assertRefused("fps", "duration 20 needs fps 24 or 25, not 50",
        () -> LtxRequest.builder().prompt("p").durationSeconds(20).fps(50).build());
    assertThat(LtxRequest.builder().prompt("p").durationSeconds(20).fps(24).build().toModel().duration()).isEqualTo(20);
    assertThat(LtxRequest.builder().prompt("p").durationSeconds(10).fps(50).resolution("4k").build()).isNotNull();
  }

  @Test
  void refusesAnEndImageWithoutAStartImage() {
    assertRefused("endImage", "needs startImage", () -> LtxRequest.builder().prompt("p").endImage("asset_b").build());
  }

  @Test
  void refusesAssetIdsNotOfTheDocumentedForm() {
    assertRefused("startImage", "'frame.png' is not an asset id",
        () -> LtxRequest.builder().prompt("p").startImage("frame.png").build());
    assertRefused("endImage", "'asset_../x' is not an asset id",
        () -> LtxRequest.builder().prompt("p").startImage("asset_a").endImage("asset_../x").build());
  }

  @Test
  void refusesUnknownEnumValuesNamingTheAllowedOnes() {
    assertRefused("resolution", "resolution '8k' is not allowed; allowed: [1080p, 2k, 4k]",
        () -> LtxRequest.builder().prompt("p").resolution("8k"));
    assertRefused("aspectRatio", "allowed: [16:9, 9:16]", () -> LtxRequest.builder().prompt("p").aspectRatio("4:3"));
    assertRefused("cameraMotion", "'orbit' is not allowed; allowed: [none, dolly_in, dolly_out, dolly_left, "
        + "dolly_right, jib_up, jib_down, static, focus_shift]", () -> LtxRequest.builder().prompt("p").cameraMotion("orbit"));
    assertRefused("cameraMotion", "decoding placeholder",
        () -> LtxRequest.builder().prompt("p").cameraMotion(CameraMotion.UNKNOWN).build());
  }

  @Test
  void invalidInputMakesZeroRequests() {
    LtxClient client = TestClients.client(server, time);

    assertThatThrownBy(() -> client.submit(LtxRequest.builder().prompt("p").fps(60).build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.getJob("../assets/asset_1")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.getJob("job_1?x=1")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.cancel("job_%2F")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.runModel("model_../jobs", Map.of("prompt", "p")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new JobQuery(null, null, 500)).isInstanceOf(InvalidRequestException.class);

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void acceptsEveryDocumentedValue() {
    for (int duration : new int[] {6, 8, 10}) {
      for (int fps : new int[] {24, 25, 48, 50}) {
        for (String resolution : new String[] {"1080p", "2k", "4k"}) {
          assertThat(LtxRequest.builder().prompt("p").durationSeconds(duration).fps(fps).resolution(resolution)
              .aspectRatio("9:16").cameraMotion("jib_up").generateAudio(false).build().toModel().fps()).isEqualTo(fps);
        }
      }
    }
  }

  private static void assertRefused(String parameter, String message, Supplier<?> build) {
    assertThatThrownBy(build::get)
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.parameter()).isEqualTo(parameter))
        .hasMessageContaining(message);
  }
}
