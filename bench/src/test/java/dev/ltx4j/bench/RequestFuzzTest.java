package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random values for every {@link LtxRequest.Builder} field, and random ids: the result is a valid request that goes
 * out as one request, or an {@link InvalidRequestException} and nothing sent; never another exception. Null means
 * "not set": a null argument is a programming error the setters answer with {@code NullPointerException}, by the
 * project's conventions. Each case is generated from its seed (the test's parameter).
 */
class RequestFuzzTest {
  private static FuzzServer fuzz;
  private static MockWebServer server;
  private static LtxClient client;

  @BeforeAll
  static void start() throws IOException {
    fuzz = new FuzzServer(request -> {
      String path = request.getUrl().encodedPath();
      // An answer about the id asked for: one about another is refused (MisroutedAnswerException).
      String asked = request.getUrl().pathSegments().get(request.getUrl().pathSegments().size() - 1);
      String body = path.contains("/generate/") ? DocumentedBodies.DRY_RUN_QUOTE
          : path.contains("/assets/") ? DocumentedBodies.ASSET_VIDEO.replace("asset_abc123", asked)
          : DocumentedBodies.JOB_SUCCESS.replace("job_abc123", asked);
      return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    });
    server = fuzz.server;
    client = fuzz.client;
  }

  @AfterAll
  static void stop() {
    fuzz.close();
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomFieldsGiveAValidRequestSentOnceOrAnInvalidRequestExceptionAndNothingSent(long seed) {
    RandomValues values = new RandomValues(seed);
    String prompt = text(values);
    String startImage = text(values);
    String endImage = text(values);
    String resolution = choice(values);
    String aspectRatio = choice(values);
    String cameraMotion = choice(values);
    Integer duration = number(values);
    Integer fps = number(values);
    Boolean audio = values.orNull(0.4, values.coin());
    int before = server.getRequestCount();
    LtxRequest[] built = new LtxRequest[1];
    Throwable thrown = catchThrowable(() -> {
      LtxRequest.Builder builder = LtxRequest.builder();
      if (prompt != null) {
        builder.prompt(prompt);
      }
      if (startImage != null) {
        builder.startImage(startImage);
      }
      if (endImage != null) {
        builder.endImage(endImage);
      }
      if (resolution != null) {
        builder.resolution(resolution);
      }
      if (aspectRatio != null) {
        builder.aspectRatio(aspectRatio);
      }
      if (cameraMotion != null) {
        builder.cameraMotion(cameraMotion);
      }
      if (duration != null) {
        builder.durationSeconds(duration);
      }
      if (fps != null) {
        builder.fps(fps);
      }
      if (audio != null) {
        builder.generateAudio(audio);
      }
      built[0] = builder.build();
      client.quote(built[0]);
    });
    if (built[0] == null) {
      assertThat(thrown).isInstanceOf(InvalidRequestException.class);
      assertThat(server.getRequestCount()).isEqualTo(before);
    } else {
      assertThat(thrown).isNull();
      assertThat(server.getRequestCount()).isEqualTo(before + 1);
      assertThat(built[0].toModel().prompt()).isEqualTo(prompt);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomIdsAreReadOrRefusedBeforeSending(long seed) {
    String id = id(new RandomValues(seed));
    for (Runnable read : new Runnable[] {() -> client.getJob(id), () -> client.assets().get(id)}) {
      int before = server.getRequestCount();
      Throwable thrown = catchThrowable(read::run);
      if (thrown == null) {
        assertThat(server.getRequestCount()).isEqualTo(before + 1);
      } else {
        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        assertThat(server.getRequestCount()).isEqualTo(before);
      }
    }
  }

  private static String text(RandomValues values) {
    String text = switch (values.random().nextInt(3)) {
      case 0 -> values.anyText(40);
      case 1 -> values.printable(3000);
      default -> values.oneOf(List.of("asset_abc123", "asset_", "asset_a/b", "job_x", "   ", "A fox in the snow"));
    };
    return values.orNull(0.2, text);
  }

  private static String choice(RandomValues values) {
    String choice = values.coin()
        ? values.oneOf(List.of("1080p", "2k", "4k", "720p", "16:9", "9:16", "1:1", "none", "dolly_in", "DOLLY_IN", "",
            "UNKNOWN", "unknown", "RES_1080P"))
        : values.anyText(12);
    return values.orNull(0.4, choice);
  }

  private static Integer number(RandomValues values) {
    Integer number = values.coin() ? values.oneOf(List.of(6, 8, 10, 12, 20, 24, 25, 48, 50, 0, -6, 7, 22))
        : values.anyInt();
    return values.orNull(0.4, number);
  }

  private static String id(RandomValues values) {
    return switch (values.random().nextInt(4)) {
      case 0 -> values.anyText(30);
      case 1 -> "job_" + values.printable(30);
      case 2 -> "asset_" + values.printable(30);
      default -> values.oneOf(List.of("job_abc123", "asset_abc123", "../jobs", "job_a/../b", "job_a?x=1", "job_a#b", ""));
    };
  }
}
